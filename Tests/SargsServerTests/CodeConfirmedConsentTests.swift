import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Consent confirmed by a one-time code (Belarus Law 99-Z Art. 5; Coral Travel BY: written consent
/// "by indicating a code received by SMS or e-mail"), on SQLite or PostgreSQL.
@Suite("Consent confirmed by code")
struct CodeConfirmedConsentTests {
    static let policy = "examples/coral-travel/belarus.yaml"
    static let ivan = NewSubject(
        country: "BY", language: "ru", source: "web", collectedFor: "travel-services",
        data: ["user.contact.email": "ivan@example.by", "user.name": "Иван Петров"])

    @Test(
        """
        Law 99-Z Art. 5: the consent is pending and decisions deny \
        until the code is entered; the receipt shows the verification
        """
    )
    func liveOnlyAfterCode() async throws {
        try await withSargs(policy: Self.policy) { app, _, keys, _ in
            let ivan = try await Factory.subject(app, keys, Self.ivan)
            let body: [String: any Sendable] = [
                "purpose": "marketing", "state": "given", "method": "web_form", "verification": ["channel": "email"],
            ]
            let requested = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(ivan)/consents", headers: keys.agent, body: json(body))
            #expect(requested.status == .accepted, "\(requested.body.string)")
            let pending = try decode(Wire.PendingConsent.self, requested)
            #expect(pending.state == "pending" && pending.verificationChannel == "email")

            let before = try await decide(app, keys, ["subject_id": ivan, "purpose": "marketing"])
            #expect(!before.allowed && before.reason == "consent_missing", "a pending consent is not a consent")

            let mail = try await SentMail.deliverAndRead(app)
            let message = try #require(mail.last { $0.to == "ivan@example.by" })
            #expect(message.subject == "Ваш код для подтверждения согласия")
            let code = try #require(message.code)
            let confirmPath = "v1/subjects/\(ivan)/consents/pending/\(pending.id)/confirm"
            let wrongCode = code == "000000" ? "111111" : "000000"
            let wrong = try await app.testing().sendRequest(
                .POST, confirmPath, headers: keys.agent, body: json(["code": wrongCode]))
            _ = try expectProblem(wrong, status: .unprocessableEntity, field: "code")
            #expect(
                try await decide(app, keys, ["subject_id": ivan, "purpose": "marketing"]).reason == "consent_missing")

            let confirmed = try await app.testing().sendRequest(
                .POST, confirmPath, headers: keys.agent, body: json(["code": code]))
            #expect(confirmed.status == .created, "\(confirmed.body.string)")
            let event = try decode(Wire.ConsentEvent.self, confirmed)
            #expect(event.verifiedBy == "code:email" && event.method == "web_form")
            let after = try await decide(app, keys, ["subject_id": ivan, "purpose": "marketing"])
            #expect(after.allowed && after.reason == "consent_given")

            let receipt = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(ivan)/consents/\(event.id.uuidString.lowercased())/receipt",
                headers: keys.agent)
            #expect(receipt.body.string.contains("\"verification\":\"code:email\""), "\(receipt.body.string)")
            let twice = try await app.testing().sendRequest(
                .POST, confirmPath, headers: keys.agent, body: json(["code": code]))
            _ = try expectProblem(twice, status: .conflict, field: "code")
        }
    }

    @Test("A code is sent only by e-mail, only to give consent, and only to a subject with an address")
    func refusals() async throws {
        try await withSargs(policy: Self.policy) { app, _, keys, _ in
            let ivan = try await Factory.subject(app, keys, Self.ivan)
            let sms: [String: any Sendable] = [
                "purpose": "marketing", "state": "given", "method": "web_form", "verification": ["channel": "sms"],
            ]
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(ivan)/consents", headers: keys.agent, body: json(sms)),
                status: .unprocessableEntity, field: "verification.channel")
            let withdraw: [String: any Sendable] = [
                "purpose": "marketing", "state": "withdrawn", "method": "web_form",
                "verification": ["channel": "email"],
            ]
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(ivan)/consents", headers: keys.agent,
                    body: json(withdraw)),
                status: .unprocessableEntity, field: "state")
            let noAddress = try await Factory.subject(
                app, keys, Self.ivan.with(data: ["user.name": "Без адреса"]))
            let body: [String: any Sendable] = [
                "purpose": "marketing", "state": "given", "method": "web_form", "verification": ["channel": "email"],
            ]
            _ = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(noAddress)/consents", headers: keys.agent,
                    body: json(body)),
                status: .unprocessableEntity, field: "verification.channel")
        }
    }
}
