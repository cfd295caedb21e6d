import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// The consent banner's server side (ePrivacy Directive Art. 5(3); GDPR Art. 7(1)), on SQLite or PostgreSQL.
@Suite("Consent banner")
struct ConsentBannerTests {
    static func gzipSize(_ data: Data) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-9c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return compressed.count
    }

    @Test(
        """
        GET /consent.js: one dependency-free file configured from the \
        policy's cookies section, within 12 KB gzipped with one language
        """
    )
    func script() async throws {
        try await withSargs { app, _, _, _ in
            let latvian = try await app.testing().sendRequest(.GET, "consent.js?lang=lv")
            #expect(latvian.status == .ok && latvian.headers.contentType?.subType == "javascript")
            let text = latvian.body.string
            #expect(
                text.contains("\"kind\":\"statistics\"") && text.contains("\"kind\":\"marketing\"")
                    && text.contains("\"dntHonoured\":false"))
            #expect(text.contains("Pieņemt visas") && !text.contains("Accept all"), "one language only")
            #expect(!text.contains("/*CONFIG*/") && !text.contains("import ") && !text.contains("require("))
            let size = try Self.gzipSize(Data(text.utf8))
            #expect(size <= 12 * 1024, "\(size) bytes gzipped")
            let all = try await app.testing().sendRequest(.GET, "consent.js")
            #expect(all.body.string.contains("Pieņemt visas") && all.body.string.contains("Accept all"))
            #expect(text.contains("\"reaskDays\":182"))
            // The second layer: cookies in a table with translated headings, counted with the language's plural, the
            // notice opened at its cookie section.
            #expect(text.contains("\"headers\":[\"Nosaukums\",\"Nodrošinātājs\""), "table headings in Latvian")
            #expect(text.contains("sīkdatne") && !text.contains("cookie(s)"), "counts in words with the plural")
            #expect(text.contains("#cookies\""), "the notice link opens the cookie section")
            #expect(text.contains("position:sticky"), "the buttons stay in view")
            let english = try await app.testing().sendRequest(.GET, "consent.js?lang=en").body.string
            #expect(english.contains("\"headers\":[\"Name\",\"Provider\",\"Duration\",\"Purpose\"]"))
            #expect(english.contains(" cookie\"") || english.contains(" cookies\""))
        }
    }

    @Test("The wait after a refusal is configurable (SARGS_BANNER_REASK_DAYS)")
    func reaskDays() async throws {
        try await withSargs(environment: ["SARGS_BANNER_REASK_DAYS": "30"]) { app, _, _, _ in
            let script = try await app.testing().sendRequest(.GET, "consent.js")
            #expect(script.body.string.contains("\"reaskDays\":30"))
        }
    }

    @Test(
        """
        Art. 7(1): POST /consent/cookies records the choice with the visitor id, policy \
        version and GPC (Sec-GPC), no IP, through the audited path; the DPO can show it
        """
    )
    func record() async throws {
        try await withSargs { app, context, keys, _ in
            let visitor = String(repeating: "ab", count: 16)
            var headers = HTTPHeaders()
            headers.contentType = .plainText
            headers.replaceOrAdd(name: "Sec-GPC", value: "1")
            let version = context.rules.policy.policy.version,
                hash = BannerConfiguration.cookieHash(context.rules.policy.cookies)
            let body =
                #"""
                {"visitor_id":"\#(visitor)","choices":{"strictly_necessary":true,"statistics":true,\#
                "marketing":false},"policy_version":"\#(version)","cookie_hash":"\#(hash)","language":"lv","gpc":false}
                """#
            // The client's word on the version or the cookie list is not taken: a stale banner is refused.
            let stale = try await app.testing().sendRequest(
                .POST, "consent/cookies", headers: headers,
                body: ByteBuffer(string: body.replacingOccurrences(of: hash, with: "0000000000000000")))
            _ = try expectProblem(stale, status: .conflict, field: "policy_version")
            let recorded = try await app.testing().sendRequest(
                .POST, "consent/cookies", headers: headers, body: ByteBuffer(string: body))
            #expect(recorded.status == .noContent)
            let shown = try await app.testing().sendRequest(
                .GET, "v1/cookie-consents?visitor_id=\(visitor)", headers: keys.dpo)
            #expect(shown.status == .ok)
            let text = shown.body.string
            #expect(
                text.contains("\"statistics\":true") && text.contains("\"marketing\":false")
                    && text.contains("\"gpc\":true"), "\(text)")
            #expect(!text.contains("127.0.0.1"))
            let bad = try await app.testing().sendRequest(
                .POST, "consent/cookies", headers: headers,
                body: ByteBuffer(string: body.replacingOccurrences(of: "statistics", with: "tracking")))
            _ = try expectProblem(bad, status: .unprocessableEntity, field: "choices")
            let garbage = try await app.testing().sendRequest(
                .POST, "consent/cookies", headers: headers, body: ByteBuffer(string: "nonsense"))
            #expect(garbage.status == .badRequest)
            #expect(
                (try await app.testing().sendRequest(
                    .GET, "v1/cookie-consents?visitor_id=\(visitor)", headers: keys.agent)).status == .forbidden)
            let audited = try await AuditEntryModel.query(on: app.db).filter(\.$action == "banner.choice").all()
            #expect(audited.map(\.result) == ["ok:statistics,strictly_necessary"])
            // One client cannot flood the table: past 20 a minute it is refused.
            var statuses: [HTTPResponseStatus] = []
            for _ in 0..<25 {
                statuses.append(
                    try await app.testing().sendRequest(
                        .POST, "consent/cookies", headers: headers, body: ByteBuffer(string: body)
                    ).status)
            }
            #expect(statuses.contains(.tooManyRequests))
            #expect(try await CookieConsentModel.query(on: app.db).count() <= 20)
            // Counted before the body is read: a malformed choice from the same client is refused too.
            let malformed = try await app.testing().sendRequest(
                .POST, "consent/cookies", headers: headers, body: ByteBuffer(string: "{not json"))
            #expect(malformed.status == .tooManyRequests)
        }
    }

    @Test(
        """
        Art. 5(1)(e), 7(1): the retention run deletes banner choices older than the \
        policy's choice_retention (default 13 months), and counts them in the audit trail
        """
    )
    func choicesExpire() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, _, _ in
            let version = context.rules.policy.policy.version,
                hash = BannerConfiguration.cookieHash(context.rules.policy.cookies)
            var headers = HTTPHeaders()
            headers.contentType = .plainText
            for visitor in ["ab", "cd"] {
                let body =
                    #"""
                    {"visitor_id":"\#(String(repeating: visitor, count: 16))","choices":{"statistics":true},\#
                    "policy_version":"\#(version)","cookie_hash":"\#(hash)","language":"lv"}
                    """#
                #expect(
                    try await app.testing().sendRequest(
                        .POST, "consent/cookies", headers: headers, body: ByteBuffer(string: body)
                    ).status == .noContent)
                clock.advance(by: 60 * 86_400)
            }
            let service = RetentionService(context: context)
            #expect(try await service.expireCookieChoices(at: context.clock.now, actor: "test", on: app.db) == 0)
            // Thirteen months after the first choice (and eleven after the second), only the first goes.
            clock.advance(by: 335 * 86_400)
            _ = try await service.run(actor: "test", confirmingRuleChange: true, on: app.db)
            #expect(try await CookieConsentModel.query(on: app.db).count() == 1)
            let entry = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "banner.choices_expire").first())
            #expect(entry.result == "ok:deleted=1")
        }
    }
}
