import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
@testable import SargsServer

/// The rules this change added reach the bulk import too, the same way as the API: the last
/// accounting record, a parent's consent and the Art. 14 source.
@Suite("Import carries the new rules")
struct ImportChannelTests {
    @Test(
        """
        Import: last_transaction_at dates accounting retention, given_by makes a \
        child's consent count (Art. 8(1)), obtained_from makes the Art. 14 notice due
        """
    )
    func importedFacts() async throws {
        try await withSargs(
            policy: "examples/coral-travel/latvia.yaml",
            clock: ManualClock.testing(try Date("2026-12-05T10:00:00Z", strategy: .iso8601))
        ) {
            app, context, keys, _ in
            let line =
                #"""
                {"country":"LV","language":"lv","source":"agency","collected_for":"package-travel-contract",\#
                "collected_at":"2020-03-01T10:00:00Z","obtained_from":"third_party",\#
                "last_transaction_at":"2024-06-01T10:00:00Z","data":{"user.name.first":"Child",\#
                "user.demographic.date_of_birth":"2018-05-01"},"consents":[{"purpose":"newsletter",\#
                "state":"given","method":"paper_form","at":"2024-06-01T10:00:00Z",\#
                "given_by":{"relation":"parent","name":"Ilze","evidence":"parent named on the booking"}}]}
                """#
            let summary = try await SubjectImport(context: context, actor: "test").run(
                Data((line + "\n").utf8), allOrNothing: true, on: app.db)
            #expect(summary.imported == 1, "\(summary)")
            let subject = try #require(try await SubjectModel.query(on: app.db).first())
            #expect(subject.lastTransactionAt == (try Date("2024-06-01T10:00:00Z", strategy: .iso8601)))
            #expect(subject.obtainedFrom == "third_party" && subject.noticeDueOn == CivilDate(iso: "2020-04-01"))
            let decision = try await decide(
                app, keys, ["subject_id": try subject.requireID().uuidString, "purpose": "newsletter"])
            #expect(decision.allowed, "\(decision.reason)")
        }
    }
}
