import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Children (issue 21 item 3): a child travelling on a parent's booking is stored under the contract
/// (Package Travel Directive 2015/2302 Art. 3(6): a traveller); below the age of digital consent
/// (GDPR Art. 8(1): LV 13, LT 14) only consent given by a holder of parental responsibility counts,
/// also for a child's health data (Art. 9(2)(a)).
@Suite("Children")
struct ChildrenTests {
    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    /// Stores a traveller named `name`, born on `birth`, on the booking, under the package-travel contract.
    func traveller(_ app: Application, _ keys: TestKeys, born birth: String, email name: String) async throws -> String
    {
        let body: [String: any Sendable] = [
            "country": "LV", "language": "en", "source": "booking", "collected_for": "package-travel-contract",
            "data": ["user.name.first": name, "user.demographic.date_of_birth": birth],
        ]
        let created = try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(body))
        #expect(created.status == .created, "\(created.body.string)")
        return try decode(Wire.Created.self, created).id.uuidString
    }

    func consent(
        _ app: Application, _ keys: TestKeys, _ subject: String, _ purpose: String,
        givenBy: [String: any Sendable]? = nil
    ) async throws -> TestingHTTPResponse {
        var body: [String: any Sendable] = ["purpose": purpose, "state": "given", "method": "web_form"]
        if let givenBy { body["given_by"] = givenBy }
        return try await app.testing().sendRequest(
            .POST, "v1/subjects/\(subject)/consents", headers: keys.agent, body: json(body))
    }

    @Test(
        """
        PTD Art. 3(6), GDPR Art. 8(1), 9(2)(a): an eight-year-old passenger is stored; the child's \
        own consent to special assistance does not count, the parent's does (Coral Travel Latvia)
        """
    )
    func childPassenger() async throws {
        try await withSargs(
            policy: "examples/coral-travel/latvia.yaml",
            clock: ManualClock.testing(Self.instant("2026-12-05T10:00:00Z"))
        ) {
            app, _, keys, _ in
            let child = try await traveller(app, keys, born: "2018-05-01", email: "child@example.lv")
            #expect(try await consent(app, keys, child, "special-assistance").status == .created)
            let own = try await decide(app, keys, ["subject_id": child, "purpose": "special-assistance"])
            #expect(!own.allowed && own.reason == "under_minimum_age")
            // Who gave it and what shows their authority are required, and only for a consent given.
            let incomplete = try await consent(
                app, keys, child, "special-assistance", givenBy: ["relation": "parent", "name": "", "evidence": ""])
            _ = try expectProblem(incomplete, status: .unprocessableEntity, field: "given_by")
            let parent = try await consent(
                app, keys, child, "special-assistance",
                givenBy: [
                    "relation": "parent", "name": "Ilze Bērziņa",
                    "evidence": "named as parent on the booking; ID checked",
                ])
            #expect(parent.status == .created, "\(parent.body.string)")
            let allowed = try await decide(app, keys, ["subject_id": child, "purpose": "special-assistance"])
            #expect(allowed.allowed && allowed.reason == "consent_given")
            // The parent's name is sealed with the evidence, never in the audit trail.
            let audit = try await AuditEntryModel.query(on: app.db).all().map(\.result).joined(separator: " ")
            #expect(audit.contains("by-parent") && !audit.contains("Ilze"))
        }
    }

    @Test(
        """
        GDPR Art. 8(1): a 13-year-old consents alone in Latvia (13) \
        but not in Lithuania (14); on the birthday the boundary moves
        """,
        arguments: [("examples/coral-travel/latvia.yaml", true), ("examples/coral-travel/lithuania.yaml", false)])
    func digitalConsentAge(policy: String, alone: Bool) async throws {
        try await withSargs(policy: policy, clock: ManualClock.testing(Self.instant("2026-12-05T10:00:00Z"))) {
            app, _, keys, _ in
            let thirteen = try await traveller(app, keys, born: "2013-12-05", email: "teen13@example.lv")
            let almost = try await traveller(app, keys, born: "2013-12-06", email: "teen12@example.lv")
            for subject in [thirteen, almost] {
                #expect(try await consent(app, keys, subject, "newsletter").status == .created)
            }
            #expect(try await decide(app, keys, ["subject_id": thirteen, "purpose": "newsletter"]).allowed == alone)
            #expect(try await decide(app, keys, ["subject_id": almost, "purpose": "newsletter"]).allowed == false)
        }
    }
}
