import Fluent
import Foundation
import SargsCore
@testable import SargsKit
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

    @Test(
        """
        Art. 49(1)(a): a disclosure to the US partner is refused (422, \
        nothing recorded) until the written consent is in the ledger
        """
    )
    func writtenConsent() async throws {
        let withPurpose = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "  - id: contests-and-surveys\n",
            with: Self.purpose)
        defer { withPurpose.remove() }
        let text = try String(contentsOfFile: withPurpose.path, encoding: .utf8)
            .replacingOccurrences(of: "  - id: authorities\n", with: Self.recipient)
        try text.write(toFile: withPurpose.path, atomically: true, encoding: .utf8)
        try await withSargs(policy: withPurpose.path) { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            let body =
                ["recipient": "us-partner", "purpose": "marketing", "categories": ["user.name"]]
                as [String: any Sendable]
            // Without consent to marketing the decision itself refuses the disclosure.
            let noMarketing = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/disclosures", headers: keys.agent, body: json(body))
            #expect(
                try expectProblem(noMarketing, status: .unprocessableEntity, field: "purpose").detail.contains(
                    "consent_missing"))
            _ = try await Factory.consent(app, keys, subject: anna, purpose: "marketing")
            let refused = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/disclosures", headers: keys.agent, body: json(body))
            let problem = try expectProblem(refused, status: .unprocessableEntity, field: "recipient")
            #expect(problem.detail.contains("Art. 49(1)(a)"))
            #expect(try await DisclosureModel.query(on: app.db).count() == 0)
            // A ticked box is not written consent; a signed document with its reference is.
            _ = try await Factory.consent(app, keys, subject: anna, purpose: "transfer-outside-eea", method: "web_form")
            let ticked = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/disclosures", headers: keys.agent, body: json(body))
            #expect(
                try expectProblem(ticked, status: .unprocessableEntity, field: "recipient").detail.contains(
                    "written method"))
            _ = try await Factory.consent(
                app, keys, subject: anna, purpose: "transfer-outside-eea", method: "signed_document",
                evidence: ["document": "consent form no. 2026-117, signed 2026-12-05"])
            try await Factory.disclosure(
                app, keys, subject: anna, recipient: "us-partner", purpose: "marketing", categories: ["user.name"])
            #expect(try await DisclosureModel.query(on: app.db).count() == 1)
        }
    }

    @Test(
        """
        Art. 18(2), 7(3), 21: a disclosure obeys the decision: refused during a restriction and \
        after withdrawal; to an authority under a legal obligation it passes and is logged as such
        """
    )
    func disclosureObeysDecision() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: anna)
            try await Factory.disclosure(
                app, keys, subject: anna, recipient: "payment-processors", categories: ["user.name"])
            let restriction = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/restrictions", headers: keys.dpo,
                body: json(["reason": "accuracy contested"]))
            #expect(restriction.status == .created)
            let refused = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/disclosures", headers: keys.agent,
                body: json([
                    "recipient": "payment-processors", "purpose": "services", "categories": ["user.name"],
                ]))
            let problem = try expectProblem(refused, status: .unprocessableEntity, field: "purpose")
            #expect(problem.detail.contains("restricted") && problem.detail.contains("Art. 18(2)"))
            // The authority's demand under a legal obligation still passes, and the audit entry says on what ground.
            try await Factory.disclosure(
                app, keys, subject: anna, recipient: "authorities", purpose: "authority-requests",
                categories: ["user.name"])
            let entry = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "disclosure.record")
                    .sort(\.$id, .descending).first())
            #expect(entry.result == "ok:authorities:legal_obligation_to_authority")
            #expect(try await DisclosureModel.query(on: app.db).count() == 2)
        }
    }

    @Test(
        """
        Art. 7(3): a disclosure for a consent purpose passes while consent is given and is refused once it is withdrawn
        """
    )
    func disclosureAfterWithdrawal() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            _ = try await Factory.consent(app, keys, subject: anna, purpose: "web-analytics")
            try await Factory.disclosure(
                app, keys, subject: anna, recipient: "analytics-providers", purpose: "web-analytics",
                categories: ["user.device.ip_address"])
            _ = try await Factory.consent(app, keys, subject: anna, purpose: "web-analytics", state: "withdrawn")
            let refused = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/disclosures", headers: keys.agent,
                body: json([
                    "recipient": "analytics-providers", "purpose": "web-analytics",
                    "categories": ["user.device.ip_address"],
                ]))
            #expect(
                try expectProblem(refused, status: .unprocessableEntity, field: "purpose").detail.contains(
                    "consent_withdrawn"))
            #expect(try await DisclosureModel.query(on: app.db).count() == 1)
        }
    }
}
