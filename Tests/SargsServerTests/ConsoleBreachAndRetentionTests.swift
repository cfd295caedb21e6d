import Fluent
import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing
import VaporTesting

/// The privacy officer's most urgent duties without curl (issue 23): a breach from discovery to
/// the Art. 33(3) report, and a retention run from the dry run to its record, in the console.
@Suite("Console: breaches and retention")
struct ConsoleBreachAndRetentionTests {
    @Test(
        """
        Art. 33(1), 33(3), 34: a DPO records a breach in the console, sees the 72-hour clock, \
        notifies the authority, assesses, closes and prints the report; the register is the API's
        """
    )
    func breachThroughConsole() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let empty = try await dpo.open("console/breaches").body.string
            #expect(
                empty.contains("No breach has been recorded"),
                "an empty register says what to do: \(empty.suffix(1500))")
            let form = try await dpo.open("console/breaches/new")
            #expect(form.status == .ok)
            #expect(
                form.body.string.contains("name=\"category_user.contact.email\""),
                "categories are a checklist of the policy's")
            #expect(form.body.string.contains("E-mail") || form.body.string.contains("e-mail"), "with their labels")

            let zone = ConsoleLocalTime(context.rules.requestClock.profile.localTime)
            let discovered = zone.input(clock.now.addingTimeInterval(-2 * 3600))
            var fields = [
                ("discovered_at", discovered), ("nature", "A laptop with the customer list was stolen"),
                ("approximate_subjects", "120"), ("approximate_records", "300"),
                ("consequences", "Names and e-mail addresses may be misused for phishing"),
                ("measures", "Passwords reset; police informed"),
            ]
            let missing = try await dpo.post("console/breaches", fields)
            #expect(missing.status == .unprocessableEntity, "no category: refused by name")
            #expect(
                missing.body.string.contains("categories")
                    && missing.body.string.contains("A laptop with the customer list was stolen"),
                "the error names the field and what was typed stays")
            fields.append(("category_user.contact.email", "1"))
            fields.append(("category_user.name", "1"))
            let recorded = try await dpo.post("console/breaches", fields)
            #expect(recorded.status == .seeOther)
            let location = try #require(recorded.headers.first(name: .location))
            let id = try #require(location.firstMatch(of: /breaches\/([0-9a-f-]{36})/).map { String($0.1) })

            let api = try await app.testing().sendRequest(.GET, "v1/breaches/\(id)", headers: keys.dpo)
            let view = try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [String: Any]
            #expect(view?["categories"] as? [String] == ["user.contact.email", "user.name"])
            #expect(view?["approximate_subjects"] as? Int == 120)
            let discoveredAt = try #require(
                (view?["discovered_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(
                abs(discoveredAt.timeIntervalSince(clock.now.addingTimeInterval(-2 * 3600))) < 60,
                "local time read in the controller's zone")

            #expect(
                try await dpo.open("console").body.string.contains("h left to tell the authority"),
                "the clock is on Today")
            let detail = try await dpo.open("console/breaches/\(id)")
            #expect(
                detail.body.string.contains("h left to tell the authority")
                    && detail.body.string.contains("/console/breaches/\(id)/notify"))

            #expect(
                try await dpo.post("console/breaches/\(id)/notify", [("notified_at", ""), ("delay_reasons", "")]).status
                    == .seeOther)
            #expect(
                try await dpo.post("console/breaches/\(id)/assess", [("exception", "")]).status == .unprocessableEntity,
                "the risk must be answered")
            #expect(
                try await dpo.post(
                    "console/breaches/\(id)/assess", [("risk", "high"), ("exception", "unintelligible")]
                ).status == .seeOther)
            #expect(try await dpo.post("console/breaches/\(id)/close", []).status == .seeOther)
            let closed = try await app.testing().sendRequest(.GET, "v1/breaches/\(id)", headers: keys.dpo)
            let after = try JSONSerialization.jsonObject(with: Data(closed.body.readableBytesView)) as? [String: Any]
            #expect(after?["status"] as? String == "closed")
            #expect(after?["authority_notified_at"] is String && after?["high_risk"] as? Bool == true)
            #expect(after?["subjects_exception"] as? String == "unintelligible")
            let page = try await dpo.open("console/breaches/\(id)")
            #expect(
                page.body.string.contains("The data is unintelligible to anyone unauthorised"),
                "the exception in words, not its value")
            #expect(!page.body.string.contains("/notify\""), "a closed breach offers no action")
            let report = try await dpo.open("console/breaches/\(id)/report")
            #expect(report.status == .ok && report.body.string.contains("<html"))

            let audit = try await app.testing().sendRequest(.GET, "v1/audit?limit=50", headers: keys.admin)
            #expect(
                audit.body.string.contains("staff:") && audit.body.string.contains("breach"),
                "the actor is the staff member")
        }
    }

    @Test(
        """
        Art. 5(1)(e): the retention page shows the dry run; unconfirmed \
        rules need the box ticked; the run is the API's and is listed
        """
    )
    func retentionThroughConsole() async throws {
        let clock = ManualClock.testing()
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock) { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            let now = clock.now
            let old = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: now,
                data: ["user.name": "Ilze Ozola", "user.contact.email": "ilze@example.lv"])
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let preview = try await dpo.open("console/retention")
            #expect(preview.body.string.contains(old) && preview.body.string.contains("Retention has not run yet."))
            #expect(
                preview.body.string.contains("name=\"confirm_rule_change\""),
                "the first run over data asks for the review")
            #expect(
                !preview.body.string.contains(">delete<") || preview.body.string.contains("delete"), "actions in words")

            let refused = try await dpo.post("console/retention/run", [])
            #expect(refused.status == .conflict && refused.body.string.contains("confirm_rule_change"))
            let ran = try await dpo.post("console/retention/run", [("confirm_rule_change", "1")])
            #expect(ran.status == .ok)
            #expect(ran.body.string.contains("Retention ran:") && ran.body.string.contains("completed"))
            let runs = try await app.testing().sendRequest(.GET, "v1/retention/runs", headers: keys.dpo)
            #expect(runs.body.string.contains("staff:"), "the run's actor is the staff member")
            let read = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(old)?purpose=enquiries", headers: keys.admin)
            #expect(!read.body.string.contains("Ilze"), "what was due is gone")
        }
    }
}
