import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Accounting records counted from the last transaction through the API (issue 21 item 1).
@Suite("Accounting periods through the API")
struct AccountingRetentionTests {
    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test(
        """
        LV Accounting Law Sec. 28, Art. 17(3)(b): a member since 2015 who left \
        in 2025 asks for erasure in 2028; the name is kept to 31 December 2030
        """
    )
    func erasureKeepsLastYearsRecords() async throws {
        let now = Self.instant("2028-05-01T10:00:00Z")
        try await withSargs(clock: ManualClock.testing(now)) { app, _, keys, _ in
            let days = now.timeIntervalSince(Self.instant("2015-03-01T10:00:00Z")) / 86_400
            let anna = try await Factory.imported(
                app, keys, purpose: "services", daysAgo: days, now: now,
                data: ["user.contact.email": NewSubject.annasEmail, "user.name": "Anna Bērziņa"])
            let relationship = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/relationships", headers: keys.agent,
                body: json([
                    "kind": "member", "start": "2015-03-01T10:00:00Z", "end": "2025-06-30T10:00:00Z",
                ]))
            #expect(relationship.status == .created)
            // A future record and one before the data was collected are refused, naming the field.
            for at in ["2029-01-01T00:00:00Z", "2014-01-01T00:00:00Z"] {
                let refused = try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(anna)/transactions", headers: keys.agent,
                    body: json(["at": at]))
                _ = try expectProblem(refused, status: .unprocessableEntity, field: "at")
            }
            let recorded = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/transactions", headers: keys.agent,
                body: json(["at": "2025-06-15T12:00:00Z"]))
            #expect(recorded.status == .ok, "\(recorded.body.string)")
            // An earlier one does not move it back.
            let earlier = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/transactions", headers: keys.agent,
                body: json(["at": "2020-01-01T12:00:00Z"]))
            #expect(earlier.body.string.contains("2025-06-15"))
            // A service key limited to marketing may not record one (it concerns the contract purposes).
            let scoped = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/transactions", headers: keys.marketingService,
                body: json(["at": "2025-06-15T12:00:00Z"]))
            _ = try expectProblem(scoped, status: .forbidden)

            let id = try await Factory.verifiedRequest(app, keys, type: "erasure")
            let done = try await RequestActions.perform(app, keys, id, "approve")
            let kept = try #require(done.outcome?.kept)
            #expect(kept.contains { $0.category == "user.name" && $0.until == "2030-12-31" }, "\(kept)")
            #expect(done.outcome?.erased?.contains("user.contact.email") == true)
        }
    }
}
