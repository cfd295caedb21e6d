import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// One-click unsubscribe (RFC 8058; GDPR Art. 7(3), 21(2)-(3)), on SQLite or PostgreSQL.
@Suite("One-click unsubscribe")
struct UnsubscribeTests {
    struct Link: Decodable {
        let url: String
        let listUnsubscribe: String
        let listUnsubscribePost: String

        enum CodingKeys: String, CodingKey {
            case url, listUnsubscribe = "list_unsubscribe", listUnsubscribePost = "list_unsubscribe_post"
        }
    }

    static func link(
        _ app: Application, _ keys: TestKeys, subject: String, purpose: String = "marketing",
        channel: String = "email"
    ) async throws -> Link {
        let response = try await app.testing().sendRequest(
            .POST, "v1/unsubscribe-links", headers: keys.marketingService,
            body: json(["subject_id": subject, "purpose": purpose, "channel": channel]))
        #expect(response.status == .created, "\(response.body.string)")
        return try decode(Link.self, response)
    }

    static func path(_ link: Link) -> String {
        String(link.url.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }.dropFirst())
    }

    static func oneClick(_ app: Application, _ path: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await app.testing().sendRequest(
            .POST, path, headers: headers, body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
    }

    @Test(
        """
        RFC 8058: the link's headers; GET shows a button and changes \
        nothing; POST withdraws the consent at once (Art. 7(3)), once
        """
    )
    func consentWithdrawn() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: anna, purpose: "marketing")
            let link = try await Self.link(app, keys, subject: anna)
            #expect(link.listUnsubscribe == "<\(link.url)>" && link.listUnsubscribePost == "List-Unsubscribe=One-Click")
            #expect(
                !link.url.lowercased().contains(anna.lowercased()) && !link.url.contains("anna"),
                "no identifier in the URL")
            let path = Self.path(link)
            #expect(path.hasPrefix("u/"))

            let page = try await app.testing().sendRequest(.GET, path)
            #expect(page.status == .ok && page.headers.contentType == .html)
            #expect(page.body.string.contains("<button type=\"submit\">Atteikties</button>"), "\(page.body.string)")
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'none'") == true)
            #expect(page.headers.first(name: "Referrer-Policy") == "no-referrer")
            #expect(
                try await decide(app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"]).reason
                    == "consent_given",
                "GET changes nothing")

            let done = try await Self.oneClick(app, path)
            #expect(done.status == .ok && done.body.string.contains("Gatavs"))
            #expect(done.headers.first(name: "Set-Cookie") == nil, "no cookies")
            let email = try await decide(app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"])
            #expect(!email.allowed && email.reason == "consent_withdrawn")
            #expect(
                try await decide(app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "sms"]).allowed,
                "other channels keep the consent")

            let again = try await Self.oneClick(app, path)
            #expect(again.status == .ok)
            let withdrawals = try await ConsentEventModel.query(on: app.db).filter(\.$state == .withdrawn).count()
            #expect(withdrawals == 1, "a second click records nothing")
            let english = try await app.testing().sendRequest(.GET, path + "?lang=en")
            #expect(
                english.body.string.contains("Done: you will no longer receive")
                    && english.body.string.contains("lang=\"en\""))
        }
    }

    @Test("A changed or forged token is 410 Gone, GET and POST alike, and changes nothing")
    func tampered() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: anna, purpose: "marketing")
            let path = Self.path(try await Self.link(app, keys, subject: anna))
            var characters = Array(path)
            characters[characters.count - 5] = characters[characters.count - 5] == "A" ? "B" : "A"
            let forged = String(characters)
            #expect((try await app.testing().sendRequest(.GET, forged)).status == .gone)
            #expect((try await Self.oneClick(app, forged)).status == .gone)
            #expect((try await Self.oneClick(app, "u/not-a-token")).status == .gone)
            #expect(
                try await decide(app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"]).allowed)
        }
    }

    @Test("Links only for consent purposes and direct marketing, only for keys that may act for the purpose")
    func refusals() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            let contract = try await app.testing().sendRequest(
                .POST, "v1/unsubscribe-links", headers: keys.admin,
                body: json(["subject_id": anna, "purpose": "service-messages", "channel": "email"]))
            _ = try expectProblem(contract, status: .unprocessableEntity, field: "purpose")
            let channel = try await app.testing().sendRequest(
                .POST, "v1/unsubscribe-links", headers: keys.marketingService,
                body: json(["subject_id": anna, "purpose": "marketing", "channel": "post"]))
            _ = try expectProblem(channel, status: .unprocessableEntity, field: "channel")
            let agent = try await app.testing().sendRequest(
                .POST, "v1/unsubscribe-links", headers: keys.agent,
                body: json(["subject_id": anna, "purpose": "marketing"]))
            #expect(agent.status == .forbidden)
        }
    }

    @Test("Art. 21(2)-(3): for marketing on legitimate interests the click records an objection to direct marketing")
    func objection() async throws {
        let variant = try PolicyVariant(
            "examples/coral-club.yaml",
            replacing: """
                    legal_basis: consent
                    data_subjects: [customer]
                    categories: [user.name, user.contact.email, user.contact.phone_number]
                    channels: [email, sms, phone_call, automated_call]
                """,
            with: """
                    legal_basis: legitimate_interests
                    legitimate_interest:
                      lv: Piedāvājumi esošajiem klientiem.
                      en: Offers to existing customers.
                    data_subjects: [customer]
                    categories: [user.name, user.contact.email, user.contact.phone_number]
                    channels: [email, sms, phone_call, automated_call]
                """)
        defer { variant.remove() }
        try await withSargs(policy: variant.path) { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            #expect(
                try await decide(app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"]).allowed)
            let path = Self.path(try await Self.link(app, keys, subject: anna))
            let done = try await Self.oneClick(app, path)
            #expect(done.status == .ok && done.body.string.contains("tiešajai tirgvedībai"))
            let after = try await decide(app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"])
            #expect(!after.allowed && after.reason == "direct_marketing_objection")
            _ = try await Self.oneClick(app, path)
            #expect(try await ObjectionModel.query(on: app.db).count() == 1)
        }
    }
}
