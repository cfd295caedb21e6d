import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Requests dated and timed in the controller's local time, with each law's deadline per right.
@Suite("Request deadlines per right, local time")
struct LocalDeadlineServerTests {
    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    func submit(_ app: Application, _ keys: TestKeys, type: String, language: String) async throws -> Wire.Request {
        try await Factory.request(
            app, keys, ["type": type, "email": "someone.\(type)@example.by", "language": language, "channel": "email"])
    }

    @Test(
        """
        Belarus, Law 99-Z Arts. 11 and 13: 21:30 UTC on 5 January 2027 is 6 \
        January in Minsk; access due in 5 working days, erasure in 15 days
        """
    )
    func belarus() async throws {
        let clock = ManualClock.testing(Self.instant("2027-01-05T21:30:00Z"))
        try await withSargs(policy: "examples/coral-travel/belarus.yaml", clock: clock) { app, _, keys, _ in
            let access = try await submit(app, keys, type: "access", language: "ru")
            #expect(access.receivedOn == "2027-01-06")
            // Thu 7 January is a day off: Fri 8, Mon 11, Tue 12, Wed 13, Thu 14.
            #expect(access.dueOn == "2027-01-14")
            let erasure = try await submit(app, keys, type: "erasure", language: "ru")
            #expect(erasure.dueOn == "2027-01-21")
        }
    }

    @Test(
        """
        GDPR Art. 12(3), Latvia: a request at 22:30 UTC on 31 \
        January is received on 1 February in Riga and due on 1 March
        """
    )
    func latvia() async throws {
        let clock = ManualClock.testing(Self.instant("2027-01-31T22:30:00Z"))
        try await withSargs(policy: "examples/coral-travel/latvia.yaml", clock: clock) { app, _, keys, _ in
            let access = try await submit(app, keys, type: "access", language: "lv")
            #expect(access.receivedOn == "2027-02-01")
            #expect(access.dueOn == "2027-03-01")
        }
    }
}
