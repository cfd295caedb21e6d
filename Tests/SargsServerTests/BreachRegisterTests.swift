import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// The breach register (GDPR Art. 33, 34), on SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Breach register")
struct BreachRegisterTests {
    static func breach(discoveredHoursAgo hours: Double, now: Date, subjects: [String] = []) -> [String: any Sendable] {
        [
            "discovered_at": Timestamp.iso8601(now.addingTimeInterval(-hours * 3_600)),
            "nature": "A laptop with the customer list was stolen.",
            "categories": ["user.name", "user.contact.email"], "approximate_subjects": 120, "approximate_records": 240,
            "consequences": "Phishing e-mails in the customers' names.",
            "measures": "Accounts locked; customers advised.", "subject_ids": subjects,
        ]
    }

    @Test(
        """
        Art. 33(1): the deadline is 72 hours after awareness; past it the \
        breach is overdue (metric too), and a late notification needs reasons
        """
    )
    func authorityClock() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, _, keys, logs in
            let created = try await app.testing().sendRequest(
                .POST, "v1/breaches", headers: keys.dpo,
                body: json(Self.breach(discoveredHoursAgo: 10, now: clock.now)))
            #expect(created.status == .created, "\(created.body.string)")
            let breach = try decode(Wire.Breach.self, created)
            #expect(
                breach.status == "open" && !breach.overdue
                    && breach.authority?.contains("Datu valsts inspekcija") == true)
            let deadline = try #require(breach.authorityDeadline)
            #expect(abs(deadline.timeIntervalSince(breach.discoveredAt) - 72 * 3_600) < 1)

            clock.advance(by: 63 * 3_600)  // 73 hours after discovery
            let late = try await getJSON(Wire.Breach.self, app, "v1/breaches/\(breach.id.uuidString)", as: keys.admin)
            #expect(late.overdue)
            let register = try await getJSON(Wire.BreachRegister.self, app, "v1/breaches?overdue=true", as: keys.dpo)
            #expect(register.breaches.map(\.id) == [breach.id])
            let metrics = try await BackgroundRuns.runOnceReadingMetrics(app)
            #expect(metrics.contains("sargs_breaches_overdue 1"))
            // The warning is logged when the count changes, not at every run of the jobs.
            try await BackgroundRuns.runOnce(app)
            #expect(logs.all.components(separatedBy: "breaches are past the authority deadline").count - 1 == 1)

            let refused = try await app.testing().sendRequest(
                .POST, "v1/breaches/\(breach.id.uuidString)/notify-authority", headers: keys.dpo,
                body: json([String: String]()))
            let problem = try expectProblem(refused, status: .unprocessableEntity, field: "delay_reasons")
            #expect(problem.detail.contains("Art. 33(1)"))
            let notified = try await app.testing().sendRequest(
                .POST, "v1/breaches/\(breach.id.uuidString)/notify-authority", headers: keys.dpo,
                body: json(["delay_reasons": "The theft was reported to us by the police a day late."]))
            #expect(notified.status == .ok, "\(notified.body.string)")
            let done = try decode(Wire.Breach.self, notified)
            #expect(done.status == "notified" && !done.overdue && done.delayReasons?.hasPrefix("The theft") == true)
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/breaches/\(breach.id.uuidString)/notify-authority",
                    headers: keys.dpo, body: json([String: String]())), status: .conflict)
            #expect(try await BackgroundRuns.runOnceReadingMetrics(app).contains("sargs_breaches_overdue 0"))
        }
    }

    @Test(
        """
        Art. 34: a high-risk breach is told to each affected subject \
        in their language; an Art. 34(3) exception is recorded instead
        """
    )
    func subjectsTold() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            var english = NewSubject.anna.with(data: ["user.contact.email": "john@example.com", "user.name": "John"])
            english.language = "en"
            let john = try await Factory.subject(app, keys, english)
            let withoutAddress = try await Factory.subject(app, keys, NewSubject.anna.with(data: ["user.name": "Ilze"]))
            let created = try decode(
                Wire.Breach.self,
                try await app.testing().sendRequest(
                    .POST, "v1/breaches", headers: keys.dpo,
                    body: json(
                        Self.breach(discoveredHoursAgo: 2, now: clock.now, subjects: [anna, john, withoutAddress]))))
            #expect(created.affectedSubjects == 3)
            let assessed = try await app.testing().sendRequest(
                .POST, "v1/breaches/\(created.id.uuidString)/assess", headers: keys.dpo,
                body: json(["high_risk": true]))
            #expect(assessed.status == .ok, "\(assessed.body.string)")
            #expect(try decode(Wire.Breach.self, assessed).subjectsMessaged == 2)
            let mail = try await SentMail.deliverAndRead(app)
            #expect(
                mail.contains {
                    $0.subject == "Drošības incidents, kas skar jūsu personas datus"
                        && $0.body.contains("A laptop with the customer list")
                })
            #expect(mail.contains { $0.subject == "A security incident involving your personal data" })
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/breaches/\(created.id.uuidString)/assess", headers: keys.dpo,
                    body: json(["high_risk": false])), status: .conflict)

            // Encrypted data: high risk, but unintelligible to the thief (Art. 34(3)(a)): nobody is messaged.
            let second = try decode(
                Wire.Breach.self,
                try await app.testing().sendRequest(
                    .POST, "v1/breaches", headers: keys.dpo,
                    body: json(Self.breach(discoveredHoursAgo: 1, now: clock.now, subjects: [anna]))))
            let excepted = try decode(
                Wire.Breach.self,
                try await app.testing().sendRequest(
                    .POST, "v1/breaches/\(second.id.uuidString)/assess", headers: keys.dpo,
                    body: json(["high_risk": true, "exception": "unintelligible"])))
            #expect(excepted.subjectsException == "unintelligible" && excepted.subjectsMessaged == 0)
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/breaches/\(second.id.uuidString)/assess", headers: keys.dpo,
                    body: json(["high_risk": false])), status: .conflict)
            let third = try decode(
                Wire.Breach.self,
                try await app.testing().sendRequest(
                    .POST, "v1/breaches", headers: keys.dpo,
                    body: json(Self.breach(discoveredHoursAgo: 1, now: clock.now))))
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/breaches/\(third.id.uuidString)/assess", headers: keys.dpo,
                    body: json(["high_risk": true, "exception": "sorry"])),
                status: .unprocessableEntity, field: "exception")
        }
    }

    @Test(
        """
        Art. 33(5): every breach stays in the register; closing one never notified \
        needs the reason; the report is JSON or HTML; no description in the audit
        """
    )
    func registerAndReport() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, _, keys, _ in
            let minor = try decode(
                Wire.Breach.self,
                try await app.testing().sendRequest(
                    .POST, "v1/breaches", headers: keys.admin,
                    body: json(Self.breach(discoveredHoursAgo: 1, now: clock.now))))
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/breaches/\(minor.id.uuidString)/close", headers: keys.dpo),
                status: .unprocessableEntity, field: "not_notified_reason")
            let closed = try decode(
                Wire.Breach.self,
                try await app.testing().sendRequest(
                    .POST, "v1/breaches/\(minor.id.uuidString)/close", headers: keys.dpo,
                    body: json([
                        "not_notified_reason": "Misdirected e-mail recovered unread: unlikely to result in a risk."
                    ])))
            #expect(
                closed.status == "closed" && closed.notNotifiedReason?.hasPrefix("Misdirected") == true
                    && !closed.overdue)
            #expect(
                try await getJSON(Wire.BreachRegister.self, app, "v1/breaches", as: keys.dpo).breaches.map(\.id) == [
                    minor.id
                ])

            let report = try await app.testing().sendRequest(
                .GET, "v1/breaches/\(minor.id.uuidString)/report", headers: keys.dpo)
            #expect(report.status == .ok && report.body.string.contains("\"approximate_subjects\":120"))
            let html = try await app.testing().sendRequest(
                .GET, "v1/breaches/\(minor.id.uuidString)/report?format=html", headers: keys.dpo)
            #expect(html.headers.contentType == .html && html.body.string.contains("Pārkāpuma raksturs"))
            _ = try expectProblem(
                try await app.testing().sendRequest(.GET, "v1/breaches", headers: keys.agent), status: .forbidden)

            // Bad input names the field.
            var future = Self.breach(discoveredHoursAgo: -5, now: clock.now)
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/breaches", headers: keys.dpo, body: json(future)),
                status: .unprocessableEntity, field: "discovered_at")
            future = Self.breach(discoveredHoursAgo: 1, now: clock.now)
            future["categories"] = ["user.shoe_size"]
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/breaches", headers: keys.dpo, body: json(future)),
                status: .unprocessableEntity, field: "categories[0]")

            let audit = try await AuditEntryModel.query(on: app.db).filter(
                \.$action ~~ ["breach.record", "breach.close", "breach.report"]
            ).all()
            #expect(audit.count == 4)  // recorded, closed, reported twice (JSON and HTML)
            let text = audit.map { "\($0.categories) \($0.result)" }.joined()
            #expect(!text.contains("laptop") && !text.contains("Misdirected"))
        }
    }
}
