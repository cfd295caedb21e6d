import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Rules that depend on time, tested by moving the server's clock (never by rewriting rows), on
/// SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Rules over time")
struct ClockedRulesTests {
    static let visitor = NewSubject.anna.with(
        data: ["user.device.ip_address": "203.0.113.7"], collectedFor: "visit-statistics")

    @Test(
        """
        Art. 7(1), 5(1)(e): a statistics consent (Clubmium, 14 months) answers consent_expired after its maximum period
        """
    )
    func consentExpires() async throws {
        let clock = ManualClock.testing()
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock) { app, _, keys, _ in
            let id = try await Factory.subject(app, keys, Self.visitor)
            try await Factory.consent(app, keys, subject: id, purpose: "visit-statistics")
            #expect(
                try await decide(app, keys, ["subject_id": id, "purpose": "visit-statistics"]).reason == "consent_given"
            )
            let overview = try await getJSON(Wire.ConsentOverview.self, app, "v1/subjects/\(id)/consents", as: keys.dpo)
            let expiresAt = try #require(overview.current.first { $0.purpose == "visit-statistics" }?.expiresAt)
            #expect(
                expiresAt.timeIntervalSince(clock.now) > 13 * 30 * 86_400
                    && expiresAt.timeIntervalSince(clock.now) < 15 * 31 * 86_400)
            clock.set(expiresAt.addingTimeInterval(-60))
            #expect(
                try await decide(app, keys, ["subject_id": id, "purpose": "visit-statistics"]).reason == "consent_given"
            )
            clock.set(expiresAt.addingTimeInterval(1))
            let expired = try await decide(app, keys, ["subject_id": id, "purpose": "visit-statistics"])
            #expect(!expired.allowed && expired.reason == "consent_expired")
            // Given again, it runs another 14 months.
            try await Factory.consent(app, keys, subject: id, purpose: "visit-statistics")
            #expect(
                try await decide(app, keys, ["subject_id": id, "purpose": "visit-statistics"]).reason == "consent_given"
            )
        }
    }

    @Test("Art. 18(3): a lifted restriction still applies until the announced moment, a day later, then no longer")
    func restrictionLiftTakesEffectLater() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: id)
            let created = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/restrictions", headers: keys.dpo, body: json(["reason": "accuracy"]))
            let restriction = try decode(Wire.Created.self, created).id.uuidString
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "services"]).reason == "restricted")
            let lift = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/restrictions/\(restriction)/lift", headers: keys.dpo,
                body: json(["reason": "Accuracy verified"]))
            #expect(lift.status == .ok)
            clock.advance(by: 86_400 - 60)
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "services"]).reason == "restricted")
            clock.advance(by: 120)
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "services"]).reason == "contract_active")
        }
    }

    @Test(
        """
        Imports keep their original dates: collected_at and at in the past are \
        kept and audited as imported; the future and before-collection are refused
        """
    )
    func importsWithOriginalDates() async throws {
        let clock = ManualClock.testing()
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock) { app, _, keys, _ in
            let now = clock.now
            let threeYearsAgo = Timestamp.iso8601(now.addingTimeInterval(-3 * 365 * 86_400))
            var body: [String: any Sendable] = [
                "country": "LV", "language": "lv", "source": "import", "collected_for": "visit-statistics",
                "data": ["user.device.ip_address": "203.0.113.7"],
            ]
            body["collected_at"] = Timestamp.iso8601(now.addingTimeInterval(86_400))
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(body)),
                status: .unprocessableEntity, field: "collected_at")
            body["collected_at"] = threeYearsAgo
            let created = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin, body: json(body))
            #expect(created.status == .created, "\(created.body.string)")
            let id = try decode(Wire.Created.self, created).id
            let item = try #require(try await DataItemModel.query(on: app.db).filter(\.$subjectID == id).first())
            #expect(abs(item.collectedAt.timeIntervalSince(now.addingTimeInterval(-3 * 365 * 86_400))) < 1)
            let audit = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "subject.create").first())
            #expect(audit.result == "ok:imported")

            func consent(at moment: Date) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(id.uuidString)/consents", headers: keys.agent,
                    body: json([
                        "purpose": "visit-statistics", "state": "given", "method": "import",
                        "at": Timestamp.iso8601(moment),
                    ]))
            }
            let early = try expectProblem(
                try await consent(at: now.addingTimeInterval(-4 * 365 * 86_400)), status: .unprocessableEntity,
                field: "at")
            // The detail does not tell when the person's data was collected.
            #expect(!early.detail.contains(String(threeYearsAgo.prefix(10))))
            _ = try expectProblem(
                try await consent(at: now.addingTimeInterval(3_600)), status: .unprocessableEntity, field: "at")
            // Given two years ago: its 14 months are over, so it has already expired.
            let given = try await consent(at: now.addingTimeInterval(-2 * 365 * 86_400))
            #expect(given.status == .created, "\(given.body.string)")
            #expect(
                try await decide(app, keys, ["subject_id": id.uuidString, "purpose": "visit-statistics"]).reason
                    == "consent_expired")
            let imported = try await AuditEntryModel.query(on: app.db).filter(\.$action == "consent.given").all()
            #expect(imported.map(\.result) == ["ok:all-channels:imported"])
        }
    }

    @Test("Ids are written in lower case in every response, as in receipts and the audit chain")
    func lowerCaseIDs() async throws {
        try await withSargs { app, _, keys, _ in
            let created = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin, body: json(NewSubject.anna))
            let id = try decode(IDOnly.self, created).id
            #expect(id == id.lowercased() && UUID(uuidString: id) != nil)
            #expect(created.headers.first(name: .location) == "/v1/subjects/\(id)")
            let read = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(id.uppercased())?purpose=services", headers: keys.admin)
            #expect(try decode(IDOnly.self, read).id == id)
            let decision = try await app.testing().sendRequest(
                .POST, "v1/decisions", headers: keys.admin,
                body: json(["subject_id": id.uppercased(), "purpose": "services"]))
            #expect(try decode(SubjectIDOnly.self, decision).subjectID == id)
        }
    }

    struct IDOnly: Decodable { let id: String }
    struct SubjectIDOnly: Decodable {
        let subjectID: String
        enum CodingKeys: String, CodingKey { case subjectID = "subject_id" }
    }
}
