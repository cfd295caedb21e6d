import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Transfers checked when data is disclosed (GDPR Art. 44-49), on SQLite or PostgreSQL.
@Suite("Transfers at disclosure")
struct TransferDisclosureTests {
    /// Coral Club with a US partner reached only with the subject's written consent (CODARS' promise:
    /// "no transfer outside the EU/EEA without your written consent").
    static let purpose = """
          - id: transfer-outside-eea
            use: third_party_sharing
            label:
              lv: Datu nodošana ārpus ES/EEZ
              en: Transfer outside the EU/EEA
            description:
              lv: Ar jūsu rakstveida piekrišanu mēs nododam jūsu vārdu un e-pastu partnerim ASV.
              en: With your written consent we pass your name and e-mail address to a partner in the USA.
            legal_basis: consent
            data_subjects: [customer]
            categories: [user.name, user.contact.email]
            retention: until-consent-withdrawn

          - id: contests-and-surveys

        """
    static let recipient = """
          - id: us-partner
            name:
              lv: Partneris ASV
              en: Partner in the USA
            role: controller
            purposes: [marketing]
            categories: [user.name, user.contact.email]
            countries: [US]
            transfer:
              safeguard: written_consent
              consent_purpose: transfer-outside-eea
          - id: authorities

        """

    @Test("Art. 49(1)(a): a disclosure to the US partner is refused (422, nothing recorded) until the written consent is in the ledger")
    func writtenConsent() async throws {
        let withPurpose = try PolicyVariant("examples/coral-club.yaml", replacing: "  - id: contests-and-surveys\n",
                                            with: Self.purpose)
        defer { withPurpose.remove() }
        let text = try String(contentsOfFile: withPurpose.path, encoding: .utf8)
            .replacingOccurrences(of: "  - id: authorities\n", with: Self.recipient)
        try text.write(toFile: withPurpose.path, atomically: true, encoding: .utf8)
        try await withSargs(policy: withPurpose.path) { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            let body = ["recipient": "us-partner", "purpose": "marketing", "categories": ["user.name"]] as [String: any Sendable]
            let refused = try await app.testing().sendRequest(.POST, "v1/subjects/\(anna)/disclosures", headers: keys.agent, body: json(body))
            let problem = try expectProblem(refused, status: .unprocessableEntity, field: "recipient")
            #expect(problem.detail.contains("Art. 49(1)(a)"))
            #expect(try await DisclosureModel.query(on: app.db).count() == 0)
            _ = try await Factory.consent(app, keys, subject: anna, purpose: "transfer-outside-eea", method: "signed_form")
            try await Factory.disclosure(app, keys, subject: anna, recipient: "us-partner", purpose: "marketing", categories: ["user.name"])
            #expect(try await DisclosureModel.query(on: app.db).count() == 1)
        }
    }
}
