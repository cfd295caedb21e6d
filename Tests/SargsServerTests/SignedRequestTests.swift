import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Requests that must be signed (Coral Travel LT/EE/LV: "requests sent by e-mail must carry a
/// qualified electronic signature"; eIDAS Art. 25(2)), on SQLite or PostgreSQL.
@Suite("Signed requests")
struct SignedRequestTests {
    static let policy = "examples/coral-travel/lithuania.yaml"

    @Test(
        """
        eIDAS Art. 25 and the policy's rule: an e-mailed request is sent no code and cannot be verified \
        by one; staff attest a valid qualified signature (Coral Travel LT made to require a qualified one)
        """
    )
    func notVerifiableByCode() async throws {
        let qualified = try PolicyVariant(
            Self.policy, replacing: "    email_signature: electronic\n",
            with: "    email_signature: qualified_electronic\n")
        defer { qualified.remove() }
        try await withSargs(policy: qualified.path) { app, _, keys, _ in
            let created = try await Factory.request(
                app, keys, ["type": "erasure", "email": "jonas@example.lt", "language": "lt", "channel": "email"])
            let id = created.id.uuidString
            #expect(created.signatureRequired == "qualified_electronic" && created.status == "received")
            let mail = try await SentMail.deliverAndRead(app)
            #expect(mail.allSatisfy { $0.code == nil }, "no one-time code is sent for a request that must be signed")

            let byCode = try await app.testing().sendRequest(
                .POST, "v1/requests/\(id)/verify", headers: keys.agent, body: json(["code": "123456"]))
            let problem = try expectProblem(byCode, status: .conflict, field: "code")
            #expect(problem.detail.contains("qualified_electronic"))
            let again = try await app.testing().sendRequest(
                .POST, "v1/requests/\(id)/challenge", headers: keys.agent, body: json(["client_ip": "192.0.2.1"]))
            _ = try expectProblem(again, status: .conflict, field: "code")

            func attest(_ signature: [String: any Sendable]?) async throws -> TestingHTTPResponse {
                var attestation: [String: any Sendable] = [
                    "method": "signature_check", "checked": "Signature validated with the national validation service",
                ]
                if let signature { attestation["signature"] = signature }
                return try await app.testing().sendRequest(
                    .POST, "v1/requests/\(id)/verify", headers: keys.dpo, body: json(["attestation": attestation]))
            }
            _ = try expectProblem(try await attest(nil), status: .badRequest, field: "attestation.signature")
            _ = try expectProblem(
                try await attest(["kind": "electronic", "signer": "Jonas Jonaitis", "validation": "valid"]),
                status: .unprocessableEntity, field: "attestation.signature.kind")
            _ = try expectProblem(
                try await attest(["kind": "qualified_electronic", "signer": "Jonas Jonaitis", "validation": "invalid"]),
                status: .unprocessableEntity, field: "attestation.signature.validation")
            let verified = try await attest([
                "kind": "qualified_electronic", "signer": "Jonas Jonaitis", "validation": "valid",
                "validated_on": DecisionEngine.civilDate(Date()).description,
            ])
            #expect(verified.status == .ok, "\(verified.body.string)")
            let shown = try decode(Wire.Request.self, verified)
            #expect(shown.status == "verified")
            let note = try #require(shown.events?.last { $0.action == "verify" }?.note)
            #expect(note.contains("qualified_electronic") && note.contains("Jonas Jonaitis"))
            let audit = String(buffer: try await app.testing().sendRequest(.GET, "v1/audit", headers: keys.admin).body)
            #expect(
                audit.contains("ok:signature:qualified_electronic") && !audit.contains("Jonaitis"),
                "the signer's name stays out of the audit chain")
        }
    }

    @Test(
        """
        The e-signature rule holds on the web too (seed 004 LT l.150): a privacy-center \
        request is sent no code, and its status page says how to send it signed
        """
    )
    func webFormNeedsTheSignature() async throws {
        try await withSargs(policy: Self.policy) { app, context, keys, _ in
            let created = try await Factory.request(
                app, keys, ["type": "access", "email": "jonas@example.lt", "language": "lt", "channel": "web"])
            #expect(created.signatureRequired == "electronic" && created.status == "received")
            #expect(
                try await SentMail.deliverAndRead(app).compactMap(\.code).isEmpty,
                "no code: a code alone never executes it")
            let byCode = try await app.testing().sendRequest(
                .POST, "v1/requests/\(created.id.uuidString)/verify", headers: keys.agent,
                body: json(["code": "123456"]))
            _ = try expectProblem(byCode, status: .conflict, field: "code")
            // The privacy center's status page says how to send the signed request.
            let model = try await RequestQueries.find(created.id, on: app.db)
            let token = try RequestStatusLink.token(for: try model.requireID(), master: context.masterKey)
            let page = try await app.testing().sendRequest(.GET, "privacy/requests/\(token)?lang=en").body.string
            #expect(page.contains("must be signed with an electronic signature") && page.contains("ASiC-E"), "\(page)")
        }
    }

    @Test(
        """
        Seed 004 LT l.150, GDPR Art. 13-15(1): a request for information is exempt from the \
        signature rule; it is verified by code and answered with the notice and the purposes in use
        """
    )
    func informationNeedsNoSignature() async throws {
        try await withSargs(policy: Self.policy) { app, _, keys, _ in
            let created = try await Factory.request(
                app, keys, ["type": "information", "email": "jonas@example.lt", "language": "lt", "channel": "email"])
            #expect(created.signatureRequired == nil && created.status == "awaiting_verification")
            let code = try #require(try await SentMail.deliverAndRead(app).compactMap(\.code).last)
            _ = try await RequestActions.perform(
                app, keys, created.id.uuidString, "verify", ["code": code], as: keys.agent)
            let done = try await RequestActions.perform(app, keys, created.id.uuidString, "approve")
            #expect(done.status == "completed")
            let answer = try #require(try await SentMail.deliverAndRead(app).last)
            #expect(answer.body.contains("/notice?lang=lt"), "\(answer.body)")
        }
    }

    @Test(
        """
        Bad input: a signature staff record on a request that needs none is checked all the same — a signer \
        name over 200 characters is refused naming the field, and nothing is recorded
        """
    )
    func signatureCheckedWhereNoneIsNeeded() async throws {
        try await withSargs(policy: Self.policy) { app, _, keys, _ in
            let created = try await Factory.request(
                app, keys, ["type": "information", "email": "jonas@example.lt", "language": "lt", "channel": "email"])
            #expect(created.signatureRequired == nil)
            let signature: [String: any Sendable] = [
                "kind": "electronic", "signer": String(repeating: "J", count: 201), "validation": "valid",
            ]
            try await RequestActions.refused(
                app, keys, created.id.uuidString, "verify",
                [
                    "attestation": ["method": "in_person", "checked": "ID card", "signature": signature]
                        as [String: any Sendable]
                ],
                status: .unprocessableEntity, field: "attestation.signature.signer")
            let model = try await RequestQueries.find(created.id, on: app.db)
            #expect(model.status == .awaitingVerification, "nothing recorded")
        }
    }
}
