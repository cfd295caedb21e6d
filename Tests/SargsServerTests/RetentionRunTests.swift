import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Retention carried out (GDPR Art. 5(1)(e)): delete, anonymise, archive, crypto-shredding, the
/// confirmation of changed rules, the lease and the schedule — on SQLite (default) or PostgreSQL.
@Suite("Retention runs")
struct RetentionRunTests {
    /// Runs retention now through the API, confirming a change of the rules when told to.
    static func run(
        _ app: Application, _ keys: TestKeys, confirm: Bool = true,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> Wire.RetentionRun {
        let response = try await app.testing().sendRequest(
            .POST, "v1/retention/runs", headers: keys.dpo,
            body: json(["confirm_rule_change": confirm]))
        #expect(response.status == .created, "\(response.body.string)", sourceLocation: sourceLocation)
        return try decode(Wire.RetentionRun.self, response)
    }

    @Test(
        """
        Art. 5(1)(e), 17(1)(a): an old enquiry is deleted and its subject crypto-shredded; \
        a recent one, a held one and one with an open request stay; a second run does nothing
        """
    )
    func deletesAndShreds() async throws {
        let clock = ManualClock.testing()
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock) { app, _, keys, logs in
            let now = clock.now
            let old = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: now,
                data: ["user.name": "Ilze Ozola", "user.contact.email": "ilze@example.lv"])
            let recent = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 10, now: now,
                data: ["user.name": "Maris", "user.contact.email": "maris@example.lv"])
            let held = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: now,
                data: ["user.name": "Janis", "user.contact.email": "janis@example.lv"])
            let asking = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: now,
                data: ["user.name": "Liga", "user.contact.email": "liga@example.lv"])
            #expect(
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(held)/holds", headers: keys.dpo,
                    body: json(["reason": "Court case 12/2026"])
                ).status == .created)
            _ = try await Factory.request(
                app, keys, ["type": "access", "subject_id": asking, "language": "lv", "channel": "web"])

            // Subjects exist and no run ever confirmed the rules: a run waits for confirmation.
            let refused = try await app.testing().sendRequest(.POST, "v1/retention/runs", headers: keys.dpo)
            _ = try expectProblem(refused, status: .conflict, field: "confirm_rule_change")
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/retention/runs", headers: keys.agent), status: .forbidden
            )
            #expect(try await DataItemModel.query(on: app.db).count() == 8)

            let run = try await Self.run(app, keys)
            #expect(run.status == "completed" && run.actor.hasPrefix("key:") && run.subjectsChecked == 4)
            #expect(
                run.counts == ["enquiry delete 2"] && run.subjectsShredded == 1 && run.suspendedForOpenRequests == 1)
            let gone = try await decide(app, keys, ["subject_id": old, "purpose": "enquiries"])
            #expect(!gone.allowed && gone.reason == "erased")
            #expect(
                try await DataItemModel.query(on: app.db).filter(\.$subjectID == UUID(uuidString: old)!).count() == 0)
            #expect(try await TombstoneModel.find(UUID(uuidString: old)!, on: app.db) != nil)
            for kept in [recent, held, asking] {
                #expect(
                    try await DataItemModel.query(on: app.db).filter(\.$subjectID == UUID(uuidString: kept)!).count()
                        == 2)
            }

            // The audit names the rule and categories, never a value.
            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$subjectID == UUID(uuidString: old)!)
                .all()
            let delete = try #require(entries.first { $0.action == "retention.delete" })
            #expect(
                delete.categories == "user.contact.email,user.name" && delete.result == "ok:rule=enquiry"
                    && delete.purpose == "enquiries")
            #expect(entries.contains { $0.action == "retention.shred" })
            let audit = try await AuditEntryModel.query(on: app.db).all().map {
                "\($0.actor) \($0.categories) \($0.result)"
            }.joined()
            for value in ["Ilze", "ilze@example.lv", "Court case"] { #expect(!audit.contains(value)) }
            #expect(!logs.all.contains("ilze@example.lv"))

            // Nothing left to do: a second run (no confirmation needed now) acts on nothing.
            let again = try await Self.run(app, keys, confirm: false)
            #expect(again.actions.isEmpty && again.subjectsShredded == 0)
            let list = try await getJSON(Wire.RetentionRunList.self, app, "v1/retention/runs", as: keys.admin)
            #expect(list.runs.map(\.id) == [again.id, run.id] && list.runs[1].counts == ["enquiry delete 2"])

            // The clock moves past the recent enquiry's six months: the next run deletes it too.
            clock.advance(days: 180)
            #expect(try await Self.run(app, keys, confirm: false).counts == ["enquiry delete 2"])
            #expect(
                try await DataItemModel.query(on: app.db).filter(\.$subjectID == UUID(uuidString: recent)!).count() == 0
            )
        }
    }

    @Test(
        """
        Art. 5(1)(e), 17(3)(b): after the relationship period, Coral Club's name \
        is archived for the accounting duty — readable for it, not for marketing
        """
    )
    func archivesForAccounting() async throws {
        // Coral Club with the customer relationship archiving (the accounting duty keeps the name five years after the
        // year ends).
        let rule = "  - id: customer-relationship\n    kind: end_of_relationship\n    period: P3Y\n"
        let variant = try PolicyVariant(
            "examples/coral-club.yaml", replacing: rule, with: rule + "    action: archive\n")
        defer { variant.remove() }
        let policy = variant.path

        // Collected in March 2022, the membership ended on 1 January 2023: three years later the
        // relationship ground is over; the accounting duty runs from the end of 2023, the year of the
        // last accounting record (the membership's end), until 31 December 2028.
        let clock = ManualClock.testing(ISO8601DateFormatter().date(from: "2026-06-01T10:00:00Z")!)
        try await withSargs(policy: policy, clock: clock) { app, _, keys, _ in
            let body: [String: any Sendable] = [
                "country": "LV", "language": "lv", "source": "import", "collected_for": "services",
                "collected_at": "2022-03-01T10:00:00Z",
                "data": ["user.name": "Anna Bērziņa", "user.contact.address": "Brīvības iela 1, Rīga"],
            ]
            let created = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin, body: json(body))
            #expect(created.status == .created, "\(created.body.string)")
            let id = try decode(Wire.Created.self, created).id.uuidString.lowercased()
            let relationship = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/relationships", headers: keys.agent,
                body: json([
                    "kind": "member", "start": "2022-03-01T10:00:00Z",
                    "end": "2023-01-01T00:00:00Z",
                ]))
            #expect(relationship.status == .created, "\(relationship.body.string)")

            let run = try await Self.run(app, keys)
            #expect(run.counts == ["customer-relationship archive 2"] && run.subjectsShredded == 0)
            let items = try await DataItemModel.query(on: app.db).filter(\.$subjectID == UUID(uuidString: id)!).all()
            #expect(items.count == 2 && items.allSatisfy { $0.archivedFor == "authority-requests" })

            let accounting = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?purpose=authority-requests", as: keys.admin)
            #expect(accounting.allowed && accounting.data["user.name"] == "Anna Bērziņa")
            let marketing = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?purpose=marketing", as: keys.admin)
            #expect(!marketing.allowed && marketing.reason == "archived" && marketing.data.isEmpty)
            let decision = try await decide(app, keys, ["subject_id": id, "purpose": "marketing", "channel": "email"])
            #expect(!decision.allowed && decision.reason == "archived")
            #expect(try await Self.run(app, keys, confirm: false).actions.isEmpty)

            // Still kept in January 2028: the duty counts from the end of 2023, not of 2022 (the collection).
            clock.advance(days: 600)
            #expect(try await Self.run(app, keys, confirm: false).actions.isEmpty)
            // When the accounting duty ends too, nothing keeps the name: it is deleted and the subject shredded.
            clock.advance(days: 350)
            let last = try await Self.run(app, keys, confirm: false)
            #expect(last.counts == ["accounting-records delete 2"] && last.subjectsShredded == 1)
        }
    }

    @Test(
        """
        Art. 7(3), Recital 26: a visit-statistics consent over 14 months old \
        is anonymised to Clubmium's declared facts, unlinked from the subject
        """
    )
    func anonymisesStatistics() async throws {
        let clock = ManualClock.testing(ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z")!)
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock) { app, _, keys, _ in
            let id = try await Factory.imported(
                app, keys, purpose: "visit-statistics", daysAgo: 500, now: clock.now,
                data: ["user.device.ip_address": "203.0.113.7"])
            let consent = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                body: json([
                    "purpose": "visit-statistics", "state": "given", "method": "cookie_banner",
                    "at": Timestamp.iso8601(clock.now.addingTimeInterval(-499 * 86_400)),
                ]))
            #expect(consent.status == .created, "\(consent.body.string)")
            let run = try await Self.run(app, keys)
            #expect(run.counts == ["statistics anonymise 1"] && run.anonymised == 1 && run.subjectsShredded == 1)
            let counts = try await AnonymousCountModel.query(on: app.db).all()
            let count = try #require(counts.first)
            #expect(
                counts.count == 1 && count.count == 1 && count.rule == "statistics"
                    && count.purpose == "visit-statistics")
            #expect(count.facts == #"{"collected_year":"2025","country":"LV"}"# && count.period == "2026-12")
            // A second visitor with the same facts adds to the same count: nothing is kept per person.
            let other = try await Factory.imported(
                app, keys, purpose: "visit-statistics", daysAgo: 500, now: clock.now,
                data: ["user.device.ip_address": "203.0.113.8"])
            let given = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(other)/consents", headers: keys.agent,
                body: json([
                    "purpose": "visit-statistics", "state": "given", "method": "cookie_banner",
                    "at": Timestamp.iso8601(clock.now.addingTimeInterval(-499 * 86_400)),
                ]))
            #expect(given.status == .created)
            #expect(try await Self.run(app, keys).anonymised == 1)
            #expect(try await AnonymousCountModel.query(on: app.db).all().map(\.count) == [2])
        }
    }

    @Test(
        """
        Art. 5(1)(e): a deleted value cannot be found in the database \
        files afterwards (SQLite, secure delete and a checkpoint)
        """
    )
    func deletedValuesLeaveNoTrace() async throws {
        guard TestEnvironment.postgresURL == nil else { return }  // the SQLite file is what this reads
        let clock = ManualClock.testing()
        let directory = TestEnvironment.temporaryDirectory("sargs-retention-file")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock, dataDirectory: directory) {
            app, _, keys, _ in
            let now = clock.now
            // Kept whole: a customer; deleted in part: an enquirer who is also a visitor (the IP address stays under a
            // live consent).
            let enquirer = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: now,
                data: ["user.name": "Ilze Ozola", "user.contact.email": "ilze@example.lv"])
            let partial = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: now,
                data: ["user.contact.email": "janis@example.lv"])
            let visit = try await app.testing().sendRequest(
                .PATCH, "v1/subjects/\(partial)", headers: keys.admin,
                body: json(["purpose": "visit-statistics", "data": ["user.device.ip_address": "203.0.113.9"]]))
            #expect(visit.status == .noContent || visit.status == .ok, "\(visit.body.string)")
            _ = try await Factory.consent(app, keys, subject: partial, purpose: "visit-statistics")
            let doomed = try await DataItemModel.query(on: app.db).filter(\.$category == "user.contact.email").all()
                .map(\.ciphertext)
            #expect(doomed.count == 2)
            let run = try await Self.run(app, keys)
            #expect(run.counts == ["enquiry delete 3"] && run.subjectsShredded == 1)
            #expect(
                try await DataItemModel.query(on: app.db).filter(\.$subjectID == UUID(uuidString: partial)!).count()
                    == 1)
            _ = enquirer
            var files = Data()
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where name.hasPrefix("sargs.sqlite") {
                files.append(try Data(contentsOf: directory.appendingPathComponent(name)))
            }
            #expect(!files.isEmpty)
            for ciphertext in doomed {
                // Any 24 bytes of the sealed value (past its nonce) would betray it.
                #expect(files.range(of: ciphertext.dropFirst(12).prefix(24)) == nil)
            }
        }
    }

    @Test(
        """
        One run at a time: a run is refused while another process \
        holds the lease, and a lease of a dead process is taken over
        """
    )
    func lease() async throws {
        try await withSargs(policy: "examples/clubmium.yaml") { app, context, keys, _ in
            let other = JobLease(name: RetentionService.leaseName)
            #expect(try await other.acquire(at: context.clock.now, on: app.db))
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/retention/runs", headers: keys.dpo), status: .conflict,
                field: "retention")
            try await other.release(on: app.db)
            #expect(try await Self.run(app, keys).status == "completed")
            // A holder on this host whose process is gone (killed mid-run) does not block the next run.
            let dead = try #require(
                try await JobLeaseModel.query(on: app.db).first()
                    ?? {
                        let lease = JobLeaseModel()
                        lease.id = RetentionService.leaseName
                        return lease
                    }())
            dead.holder = "\(JobLease.hostName):999999:deadbeef"
            dead.expiresAt = context.clock.now.addingTimeInterval(3_600)
            try await dead.save(on: app.db)
            #expect(JobLease.isGone(dead.holder))
            #expect(try await Self.run(app, keys, confirm: false).status == "completed")
        }
    }

    @Test("The schedule waits for confirmation of changed rules, then runs at most once per interval")
    func schedule() async throws {
        let clock = ManualClock.testing()
        try await withSargs(
            policy: "examples/clubmium.yaml", environment: ["SARGS_RETENTION_SCHEDULE": "daily"], clock: clock
        ) { app, _, keys, logs in
            let schedule = try #require(app.retentionSchedule)
            _ = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: clock.now,
                data: ["user.name": "Ilze", "user.contact.email": "ilze@example.lv"])
            #expect(await schedule.tick(on: app.db) == .awaitingConfirmation)
            #expect(logs.all.contains("retention is waiting"))
            #expect(try await DataItemModel.query(on: app.db).count() == 2)
            // Confirmed by a person (the first run after the change); the schedule then keeps to its interval.
            _ = try await Self.run(app, keys)
            clock.advance(by: 43_200)
            #expect(await schedule.tick(on: app.db) == .notDue)
            clock.advance(days: 1)
            guard case .ran(let summary) = await schedule.tick(on: app.db) else {
                Issue.record("the schedule did not run after a day")
                return
            }
            #expect(summary.actor == "scheduler" && summary.status == "completed")
            #expect(await schedule.tick(on: app.db) == .notDue)
        }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.retentionInterval("weekly") }
        #expect(try ServerConfiguration.retentionInterval("off") == nil)
        #expect(try ServerConfiguration.retentionInterval("6h") == 21_600)
        #expect(try ServerConfiguration.retentionInterval(nil) == 86_400)
    }

    @Test(
        """
        EDPB 05/2020 §110-111: with rules.consent_renewal_days, a statistics consent \
        in its last 30 days is renewed by e-mail once, in the subject's language
        """
    )
    func renewalReminders() async throws {
        let variant = try PolicyVariant(
            "examples/clubmium.yaml", replacing: "\nrules:\n", with: "\nrules:\n  consent_renewal_days: 30\n")
        defer { variant.remove() }
        let clock = ManualClock.testing(ISO8601DateFormatter().date(from: "2026-12-02T10:00:00Z")!)
        try await withSargs(policy: variant.path, clock: clock) { app, _, keys, _ in
            // Given 13 months and 10 days ago: it lapses in about three weeks (14 months).
            let body: [String: any Sendable] = [
                "country": "LV", "language": "lv", "source": "web", "collected_for": "advertising",
                "collected_at": "2025-10-20T10:00:00Z",
                "data": ["user.contact.email": "ilze@example.lv"],
            ]
            let created = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin, body: json(body))
            let id = try decode(Wire.Created.self, created).id.uuidString.lowercased()
            for (purpose, channel) in [("visit-statistics", nil), ("advertising", "email")] as [(String, String?)] {
                var consent: [String: any Sendable] = [
                    "purpose": purpose, "state": "given", "method": "web_form", "at": "2025-10-22T10:00:00Z",
                ]
                if let channel { consent["channel"] = channel }
                let response = try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(id)/consents", headers: keys.agent, body: json(consent))
                #expect(response.status == .created, "\(response.body.string)")
            }
            let run = try await Self.run(app, keys)
            #expect(run.renewalReminders == 1 && run.actions.isEmpty)
            let mail = try await SentMail.deliverAndRead(app)
            let reminder = try #require(mail.first { $0.subject == "Jūsu piekrišanas termiņš drīz beigsies" })
            #expect(reminder.body.contains("Apmeklējumu statistika") && reminder.body.contains("info@clubmium.com"))
            // Never twice for the same consent.
            #expect(try await Self.run(app, keys, confirm: false).renewalReminders == 0)
            // Renewed, it starts a new period: the next reminder comes in its own last 30 days.
            let renewed = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                body: json(["purpose": "visit-statistics", "state": "given", "method": "e-mail link"]))
            #expect(renewed.status == .created)
            clock.advance(days: 30)
            #expect(try await Self.run(app, keys, confirm: false).renewalReminders == 0)
            clock.advance(days: 370)  // 400 days after renewal: it lapses in about 26 days
            #expect(try await Self.run(app, keys, confirm: false).renewalReminders == 1)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "consent.renewal_reminder")
                .all()
            #expect(audit.count == 2 && audit.allSatisfy { $0.purpose == "visit-statistics" && $0.result == "ok:sent" })
        }
    }

    @Test("A change of the retention rules after a confirmed run must be confirmed again before anything is deleted")
    func changedRulesNeedConfirmation() async throws {
        let clock = ManualClock.testing()
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock) { app, _, keys, _ in
            _ = try await Factory.subject(
                app, keys, NewSubject.anna.with(data: ["user.name": "Anna"], collectedFor: "enquiries"))
            _ = try await Self.run(app, keys)
            _ = try await Self.run(app, keys, confirm: false)
            // As if the server now started with a policy whose rules differ from the confirmed ones,
            // and those rules make something due.
            let setting = try #require(try await Setting.find(RetentionService.confirmedRulesSetting, on: app.db))
            setting.value = String(repeating: "0", count: 64)
            try await setting.save(on: app.db)
            _ = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: clock.now,
                data: ["user.name": "Ilze Ozola", "user.contact.email": "ilze@example.lv"])
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/retention/runs", headers: keys.admin), status: .conflict,
                field: "confirm_rule_change")
            #expect(try await Self.run(app, keys).status == "completed")
        }
    }

    @Test(
        """
        Art. 5(1)(e): unconfirmed rules are put to a person only when they would do \
        something: with nothing due, the first run goes ahead unasked (API and CLI alike)
        """
    )
    func nothingDueNeedsNoConfirmation() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)  // collected now: nothing of it is due
            let response = try await app.testing().sendRequest(.POST, "v1/retention/runs", headers: keys.dpo)
            #expect(response.status == .created, "\(response.body.string)")
        }
    }
}
