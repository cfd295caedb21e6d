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
        let transport = try #require(
            app.backgroundJobs?.worker.mail as? FileMailTransport, "mail is not written to files")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: transport.directory)) ?? []).filter {
            $0.hasSuffix(".eml")
        }.sorted()
        return try names.map { name in
            let text = try String(
                contentsOfFile: (transport.directory as NSString).appendingPathComponent(name), encoding: .utf8)
            return try parse(text)
        }
    }

    /// Reads one message as `sargs mail last` does (`MailFile`).
    static func parse(_ text: String) throws -> SentMail {
        let mail = try MailFile.parse(text)
        return SentMail(to: mail.to, subject: mail.subject, body: mail.body)
    }

    /// The one-time code in a verification message.
    var code: String? { body.firstMatch(of: /\b(\d{6})\b/).map { String($0.1) } }
}
