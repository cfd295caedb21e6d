import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// The retention report (GDPR Art. 5(1)(e)), on SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Retention preview")
struct RetentionPreviewTests {
    struct Report: Decodable {
        struct Action: Decodable {
            let subjectID: String
            let category: String
            let action: String
            let keptUntil: String?
            let rule: String?
            let purpose: String?
            enum CodingKeys: String, CodingKey {
                case subjectID = "subject_id", category, action, keptUntil = "kept_until", rule, purpose
            }
        }
        struct Suspended: Decodable {
            let subjectID: String
            let reason: String
            enum CodingKeys: String, CodingKey { case subjectID = "subject_id", reason }
        }
        struct Count: Decodable { let rule: String; let action: String; let count: Int }
        let asOf: String
        let subjectsChecked: Int
        let actions: [Action]
        let suspended: [Suspended]
        let summary: [Count]
        let truncated: Bool
        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", subjectsChecked = "subjects_checked", actions, suspended, summary, truncated
        }
    }

    /// Someone who asked a question, collected `daysAgo` days before the clock's now (an import).
    static func enquirer(
        _ app: Application, _ keys: TestKeys, _ name: String, daysAgo: Double, now: Date
    ) async throws -> String {
        try await Factory.imported(
            app, keys, purpose: "enquiries", daysAgo: daysAgo, now: now,
            data: ["user.name": name, "user.contact.email": "\(name.lowercased())@example.lv"])
    }

    @Test(
        """
        Art. 5(1)(e): an enquiry older than six months is due for \
        deletion; a hold or an open request suspends it; as_of looks ahead
        """
    )
    func preview() async throws {
        let clock = ManualClock.testing()
        try await withSargs(policy: "examples/clubmium.yaml", clock: clock) { app, _, keys, _ in
            let now = clock.now
            let old = try await Self.enquirer(app, keys, "Ilze", daysAgo: 365, now: now)
            let held = try await Self.enquirer(app, keys, "Janis", daysAgo: 365, now: now)
            let asking = try await Self.enquirer(app, keys, "Liga", daysAgo: 365, now: now)
            let recent = try await Self.enquirer(app, keys, "Maris", daysAgo: 1, now: now)
            let hold = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(held)/holds", headers: keys.dpo, body: json(["reason": "Court case 12/2026"]))
            #expect(hold.status == .created)
            _ = try await Factory.request(
                app, keys, ["type": "access", "subject_id": asking, "language": "lv", "channel": "web"])

            let response = try await app.testing().sendRequest(.GET, "v1/retention/preview", headers: keys.dpo)
            #expect(response.status == .ok, "\(response.body.string)")
            let report = try decode(Report.self, response)
            #expect(report.subjectsChecked == 4 && !report.truncated)
            #expect(Set(report.actions.map(\.subjectID)) == [old])
            #expect(Set(report.actions.map(\.category)) == ["user.contact.email", "user.name"])
            #expect(
                report.actions.allSatisfy { $0.action == "delete" && $0.rule == "enquiry" && $0.purpose == "enquiries" }
            )
            #expect(
                Set(report.suspended.map { "\($0.subjectID) \($0.reason)" }) == [
                    "\(held) legal_hold", "\(asking) open_request",
                ])
            #expect(report.summary.map { "\($0.rule) \($0.action) \($0.count)" } == ["enquiry delete 2"])
            // No personal value in the report.
            for value in ["Ilze", "ilze@example.lv", "Court case"] { #expect(!response.body.string.contains(value)) }

            // Seven months on, the recent enquiry is due too.
            let ahead = DecisionEngine.civilDate(now).adding(months: 7).description
            let later = try decode(
                Report.self,
                try await app.testing().sendRequest(
                    .GET, "v1/retention/preview?as_of=\(ahead)&limit=1",
                    headers: keys.admin))
            #expect(later.asOf == ahead && later.actions.count == 1 && later.truncated)
            #expect(later.summary.first?.count == 4)
            #expect(
                Set(
                    try decode(
                        Report.self,
                        try await app.testing().sendRequest(
                            .GET, "v1/retention/preview?as_of=\(ahead)",
                            headers: keys.admin)
                    ).actions.map(\.subjectID)) == [old, recent])

            _ = try expectProblem(
                try await app.testing().sendRequest(.GET, "v1/retention/preview?as_of=2020-01-01", headers: keys.dpo),
                status: .unprocessableEntity, field: "as_of")
            _ = try expectProblem(
                try await app.testing().sendRequest(.GET, "v1/retention/preview?as_of=soon", headers: keys.dpo),
                status: .unprocessableEntity, field: "as_of")
            _ = try expectProblem(
                try await app.testing().sendRequest(.GET, "v1/retention/preview", headers: keys.agent),
                status: .forbidden)
        }
    }
}
