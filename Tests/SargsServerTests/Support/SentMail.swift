import Fluent
import Foundation
import Testing
import Vapor
@testable import SargsServer

/// The e-mail the embedded default wrote as `.eml` files, decoded.
struct SentMail: Sendable {
    var to: String
    var subject: String
    var body: String

    /// Runs the background jobs, then reads every message written so far, oldest first.
    static func deliverAndRead(_ app: Application) async throws -> [SentMail] {
        try await BackgroundRuns.runOnce(app)
        let transport = try #require(app.backgroundJobs?.worker.mail as? FileMailTransport, "mail is not written to files")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: transport.directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let text = try String(contentsOfFile: (transport.directory as NSString).appendingPathComponent(name), encoding: .utf8)
            return try parse(text)
        }
    }

    /// Reads one message: its `To` and `Subject` headers (RFC 2047 base64 decoded) and its base64 body.
    static func parse(_ text: String) throws -> SentMail {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let headers = parts[0].components(separatedBy: "\r\n")
        func header(_ name: String) -> String {
            headers.first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) } ?? ""
        }
        var subject = header("Subject")
        if subject.hasPrefix("=?UTF-8?B?"), subject.hasSuffix("?="),
           let data = Data(base64Encoded: String(subject.dropFirst(10).dropLast(2))) {
            subject = String(decoding: data, as: UTF8.self)
        }
        let encoded = parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
        let body = try #require(Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) })
        return SentMail(to: header("To"), subject: subject, body: body)
    }

    /// The one-time code in a verification message.
    var code: String? { body.firstMatch(of: /\b(\d{6})\b/).map { String($0.1) } }
}
