import Fluent
import Foundation
import SargsCore
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

    @Test("GET /consent.js: one dependency-free file configured from the policy's cookies section, within 12 KB gzipped with one language")
    func script() async throws {
        try await withSargs { app, _, _, _ in
            let latvian = try await app.testing().sendRequest(.GET, "consent.js?lang=lv")
            #expect(latvian.status == .ok && latvian.headers.contentType?.subType == "javascript")
            let text = latvian.body.string
            #expect(text.contains("\"kind\":\"statistics\"") && text.contains("\"kind\":\"marketing\"") && text.contains("_ga"))
            #expect(text.contains("Pieņemt visas") && !text.contains("Accept all"), "one language only")
            #expect(!text.contains("/*CONFIG*/") && !text.contains("import ") && !text.contains("require("))
            let size = try Self.gzipSize(Data(text.utf8))
            #expect(size <= 12 * 1024, "\(size) bytes gzipped")
            let all = try await app.testing().sendRequest(.GET, "consent.js")
            #expect(all.body.string.contains("Pieņemt visas") && all.body.string.contains("Accept all"))
            #expect(text.contains("\"reaskDays\":182"))
        }
    }

    @Test("The wait after a refusal is configurable (SARGS_BANNER_REASK_DAYS)")
    func reaskDays() async throws {
        try await withSargs(environment: ["SARGS_BANNER_REASK_DAYS": "30"]) { app, _, _, _ in
            let script = try await app.testing().sendRequest(.GET, "consent.js")
            #expect(script.body.string.contains("\"reaskDays\":30"))
        }
    }

    @Test("Art. 7(1): POST /consent/cookies records the choice with the visitor id, policy version and GPC (Sec-GPC), no IP; the DPO can show it")
    func record() async throws {
        try await withSargs { app, _, keys, _ in
            let visitor = String(repeating: "ab", count: 16)
            var headers = HTTPHeaders()
            headers.contentType = .plainText
            headers.replaceOrAdd(name: "Sec-GPC", value: "1")
            let body = #"{"visitor_id":"\#(visitor)","choices":{"strictly_necessary":true,"statistics":true,"marketing":false},"policy_version":"2024-01","cookie_hash":"abc","language":"lv","gpc":false}"#
            let recorded = try await app.testing().sendRequest(.POST, "consent/cookies", headers: headers, body: ByteBuffer(string: body))
            #expect(recorded.status == .noContent)
            let shown = try await app.testing().sendRequest(.GET, "v1/cookie-consents?visitor_id=\(visitor)", headers: keys.dpo)
            #expect(shown.status == .ok)
            let text = shown.body.string
            #expect(text.contains("\"statistics\":true") && text.contains("\"marketing\":false") && text.contains("\"gpc\":true"), "\(text)")
            #expect(!text.contains("127.0.0.1"))
            let bad = try await app.testing().sendRequest(.POST, "consent/cookies", headers: headers,
                                                          body: ByteBuffer(string: body.replacingOccurrences(of: "statistics", with: "tracking")))
            _ = try expectProblem(bad, status: .unprocessableEntity, field: "choices")
            let garbage = try await app.testing().sendRequest(.POST, "consent/cookies", headers: headers, body: ByteBuffer(string: "nonsense"))
            #expect(garbage.status == .badRequest)
            #expect((try await app.testing().sendRequest(.GET, "v1/cookie-consents?visitor_id=\(visitor)", headers: keys.agent)).status == .forbidden)
        }
    }
}
