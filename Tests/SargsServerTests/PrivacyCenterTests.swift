import Fluent
import Foundation
import SargsCore
import Testing
import NIOCore
import Vapor
import VaporTesting
@testable import SargsServer

/// The privacy center's request pages, on SQLite or PostgreSQL: the same checks and legal clock as
/// `POST /v1/requests` (GDPR Art. 12(3), 12(6)), CSRF, rate limits, no account enumeration.
@Suite("Privacy center")
struct PrivacyCenterTests {
    /// A visitor with the form cookie: opens a page, then posts its form.
    struct Visitor {
        let app: Application
        var cookie = ""
        /// The last sign-in link followed (consent pages).
        var lastVerifyPath: String?

        mutating func open(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
            var headers = headers
            if !cookie.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookie) }
            let response = try await app.testing().sendRequest(.GET, path, headers: headers)
            if let set = response.headers.first(name: .setCookie), let pair = set.split(separator: ";").first {
                cookie = String(pair)
            }
            return response
        }

        func post(
            _ path: String, _ fields: [(String, String)], withCookie: Bool = true
        ) async throws -> TestingHTTPResponse {
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            if withCookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
            let body = fields.map {
                """
                \($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)\
                =\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                """
            }
            .joined(separator: "&")
            return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        }

        static func csrf(in response: TestingHTTPResponse) throws -> String {
            try #require(response.body.string.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) })
        }
    }

    @Test("Home: the controller, the contacts and a form per right this jurisdiction grants, in the visitor's language")
    func home() async throws {
        try await withSargs { app, _, _, _ in
            let latvian = try await app.testing().sendRequest(.GET, "privacy")
            #expect(latvian.status == .ok && latvian.headers.first(name: "Content-Language") == "lv")
            let html = latvian.body.string
            #expect(html.contains("Privātuma centrs") && html.contains("datenschutz@coral-club.com"))
            #expect(
                html.contains("/privacy/requests/new?type=access&amp;lang=lv")
                    || html.contains("/privacy/requests/new?type=access&lang=lv"))
            #expect(latvian.headers.first(name: "Content-Security-Policy")?.contains("form-action 'self'") == true)
            let english = try await app.testing().sendRequest(
                .GET, "privacy", headers: ["Accept-Language": "en-GB,en;q=0.9"])
            #expect(
                english.body.string.contains("Privacy center") && english.body.string.contains("Access to your data"))
        }
    }

    @Test(
        """
        Each right is explained in one sentence with what happens next and its own deadline, on two \
        seeds (Coral Club: 30 days; Coral Travel Belarus: 5 working days for access, 15 days otherwise)
        """
    )
    func rightsExplained() async throws {
        try await withSargs { app, _, _, _ in
            let english = try await app.testing().sendRequest(.GET, "privacy", headers: ["Accept-Language": "en"]).body
                .string
            #expect(english.contains("Have your data deleted. We delete everything no law requires us to keep"))
            #expect(english.contains("then answer within 30 days, free of charge"))
            let latvian = try await app.testing().sendRequest(.GET, "privacy").body.string
            #expect(
                latvian.contains("Panāciet savu datu dzēšanu") && latvian.contains("atbildes termiņš: 30 dienas."))
        }
        try await withSargs(policy: "examples/coral-travel/belarus.yaml") { app, _, _, _ in
            let russian = try await app.testing().sendRequest(.GET, "privacy", headers: ["Accept-Language": "ru"]).body
                .string
            #expect(
                russian.contains(
                    "Узнайте, какие ваши персональные данные мы храним"))
            #expect(
                russian.contains("в течение срока: 5 рабочих дней, бесплатно"),
                "Law 99-Z Art. 11: access within five working days")
            #expect(
                russian.contains("в течение срока: 15 дней, бесплатно"),
                "the other rights within fifteen days")
        }
    }

    @Test(
        """
        Art. 12(3), 12(6): an access request from the form, verified by the \
        e-mailed code on the next page; the private status link shows the due date
        """
    )
    func accessRequestEndToEnd() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            var visitor = Visitor(app: app)
            let form = try await visitor.open("privacy/requests/new?type=access&lang=en")
            #expect(form.status == .ok && form.body.string.contains("<label for=\"email\">"))
            let posted = try await visitor.post(
                "privacy/requests?lang=en",
                [
                    ("csrf", try Visitor.csrf(in: form)), ("type", "access"),
                    ("email", NewSubject.annasEmail),
                ])
            #expect(posted.status == .seeOther, "\(posted.body.string)")
            let verifyPath = String(try #require(posted.headers.first(name: .location)).dropFirst())
            #expect(!verifyPath.contains("anna") && !verifyPath.contains("@"), "no personal data in the URL")
            let request = try #require(try await RequestModel.query(on: app.db).first())
            #expect(request.channel == .web && request.type == .access && request.language == "en")

            let mail = try await SentMail.deliverAndRead(app)
            let code = try #require(mail.compactMap(\.code).last)
            let acknowledgement = try #require(mail.first { $0.body.contains("You can follow your request here") })
            let mailedLink = try #require(
                acknowledgement.body.firstMatch(of: /\/(privacy\/requests\/[A-Za-z0-9_-]+)\?lang=en/).map {
                    String($0.1)
                })
            let mailedPage = try await app.testing().sendRequest(.GET, mailedLink + "?lang=en")
            #expect(
                mailedPage.status == .ok && mailedPage.body.string.contains("Access to your data"),
                "the e-mailed status link opens the request")
            let verifyPage = try await visitor.open(verifyPath)
            let wrong = try await visitor.post(
                verifyPath,
                [("csrf", try Visitor.csrf(in: verifyPage)), ("code", code == "000000" ? "111111" : "000000")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("aria-invalid=\"true\""))
            let right = try await visitor.post(
                verifyPath, [("csrf", try Visitor.csrf(in: verifyPage)), ("code", code)])
            #expect(right.status == .seeOther)
            let statusPath = String(try #require(right.headers.first(name: .location)).dropFirst())
            let status = try await visitor.open(statusPath)
            #expect(
                status.status == .ok && status.body.string.contains("confirmed, being handled"), "\(status.body.string)"
            )
            let verified = try #require(try await RequestModel.find(request.requireID(), on: app.db))
            #expect(verified.status == .verified)
            #expect(
                status.body.string.contains(try NoticeStrings(language: "en").date(verified.dueOn)),
                "the due date is shown")
        }
    }

    @Test("A form posted without the visitor's form cookie is refused (403) and nothing is recorded")
    func csrf() async throws {
        try await withSargs { app, _, _, _ in
            var visitor = Visitor(app: app)
            let form = try await visitor.open("privacy/requests/new?type=erasure")
            let refused = try await visitor.post(
                "privacy/requests",
                [
                    ("csrf", try Visitor.csrf(in: form)), ("type", "erasure"),
                    ("email", "someone@example.lv"),
                ], withCookie: false)
            #expect(refused.status == .forbidden)
            let forged = try await visitor.post(
                "privacy/requests", [("csrf", "00"), ("type", "erasure"), ("email", "someone@example.lv")])
            #expect(forged.status == .forbidden)
            #expect(try await RequestModel.query(on: app.db).count() == 0)
        }
    }

    @Test(
        """
        No account enumeration: a known and an unknown address \
        get the same answer; the rate limit per address holds (429)
        """
    )
    func enumerationAndRateLimit() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            var visitor = Visitor(app: app)
            let form = try await visitor.open("privacy/requests/new?type=access")
            let csrf = try Visitor.csrf(in: form)
            let known = try await visitor.post(
                "privacy/requests", [("csrf", csrf), ("type", "access"), ("email", NewSubject.annasEmail)])
            let unknown = try await visitor.post(
                "privacy/requests", [("csrf", csrf), ("type", "access"), ("email", "nobody@example.lv")])
            #expect(known.status == .seeOther && unknown.status == .seeOther)
            let knownPage = try await visitor.open(
                String(try #require(known.headers.first(name: .location)).dropFirst()))
            let unknownPage = try await visitor.open(
                String(try #require(unknown.headers.first(name: .location)).dropFirst()))
            let strip = { (html: String) in
                html.replacing(/action="[^"]*"/, with: "").replacing(/value="[0-9a-f]+"/, with: "")
                    .replacing(/href="[^"]*"/, with: "")
            }
            #expect(strip(knownPage.body.string) == strip(unknownPage.body.string))
            for _ in 0..<2 {
                _ = try await visitor.post(
                    "privacy/requests", [("csrf", csrf), ("type", "access"), ("email", "nobody@example.lv")])
            }
            let limited = try await visitor.post(
                "privacy/requests", [("csrf", csrf), ("type", "access"), ("email", "nobody@example.lv")])
            #expect(limited.status == .tooManyRequests && limited.body.string.contains("role=\"alert\""))
        }
    }

    @Test(
        """
        Bad input is shown next to its field; a right the jurisdiction does not grant and an altered status link are 404
        """
    )
    func errors() async throws {
        try await withSargs { app, _, _, _ in
            var visitor = Visitor(app: app)
            let form = try await visitor.open("privacy/requests/new?type=rectification&lang=en")
            #expect(form.body.string.contains("<select id=\"category\""))
            let bad = try await visitor.post(
                "privacy/requests?lang=en",
                [
                    ("csrf", try Visitor.csrf(in: form)), ("type", "rectification"),
                    ("email", "not-an-address"), ("category", "user.name"), ("new_value", "Anna"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.body.string.contains("id=\"email-error\"")
                    && bad.body.string.contains("Enter a valid e-mail address."))
            #expect(
                (try await app.testing().sendRequest(.GET, "privacy/requests/new?type=nonsense")).status == .notFound)
            #expect(
                (try await app.testing().sendRequest(.GET, "privacy/requests/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status
                    == .notFound)
        }
    }

    @Test("The prefix is configurable (SARGS_PRIVACY_CENTER_PATH)")
    func prefix() async throws {
        try await withSargs(environment: ["SARGS_PRIVACY_CENTER_PATH": "/datenschutz"]) { app, _, _, _ in
            let home = try await app.testing().sendRequest(.GET, "datenschutz")
            #expect(home.status == .ok && home.body.string.contains("/datenschutz/requests/new?type=access"))
            #expect((try await app.testing().sendRequest(.GET, "privacy")).status == .notFound)
        }
    }
}

@Suite("Privacy center abuse limits")
struct PrivacyCenterAbuseTests {
    @Test("Wrong codes sent in parallel each count: after them even the right code is locked out (429)")
    func parallelGuesses() async throws {
        try await withSargs { app, _, keys, _ in
            let created = try await Factory.request(
                app, keys, ["type": "access", "email": "target@example.lv", "language": "en", "channel": "web"])
            let code = try #require(try await SentMail.deliverAndRead(app).compactMap(\.code).last)
            let wrong = code == "000000" ? "111111" : "000000"
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        _ = try? await app.testing().sendRequest(
                            .POST, "v1/requests/\(created.id.uuidString)/verify", headers: keys.agent,
                            body: json(["code": wrong]))
                    }
                }
            }
            let counted = try #require(
                try await VerificationChallengeModel.query(on: app.db).filter(\.$requestID == created.id).first())
            #expect(
                counted.failedAttempts == VerificationChallenge.maximumAttempts,
                "every parallel guess counted, up to the limit")
            let right = try await app.testing().sendRequest(
                .POST, "v1/requests/\(created.id.uuidString)/verify", headers: keys.agent,
                body: json(["code": code]))
            #expect(right.status == .tooManyRequests)
        }
    }

    @Test(
        """
        Behind a trusted proxy the visitor's address comes from X-Forwarded-For; from anyone else the header is ignored
        """
    )
    func clientAddress() async throws {
        try await withSargs { app, _, _, _ in
            let clients = ClientAddress(trustedProxies: ["10.0.0.1"])
            func request(from peer: String, forwarded: String = "203.0.113.7, 10.0.0.1") throws -> Request {
                Request(
                    application: app, method: .GET, url: "/privacy", headers: ["X-Forwarded-For": forwarded],
                    remoteAddress: try SocketAddress(ipAddress: peer, port: 443), on: app.eventLoopGroup.next())
            }
            let proxied = try request(from: "10.0.0.1"), direct = try request(from: "198.51.100.9")
            #expect(clients.of(proxied) == "203.0.113.7")
            #expect(clients.of(direct) == "198.51.100.9")
            // A client that writes its own X-Forwarded-For does not choose its address: the proxy appended the real
            // one.
            #expect(clients.of(try request(from: "10.0.0.1", forwarded: "192.0.2.66, 203.0.113.7")) == "203.0.113.7")
        }
    }
}
