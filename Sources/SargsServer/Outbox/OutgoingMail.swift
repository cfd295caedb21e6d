import Foundation
import SargsCore

/// An e-mail ready to send, and its RFC 5322 / MIME form.
struct OutgoingMail: Sendable, Codable {
    var from: String
    var to: String
    var subject: String
    var body: String
    var messageID: String
    var date: Date

    /// The message as RFC 5322 text with CRLF line ends: UTF-8 subject as an RFC 2047 encoded
    /// word, UTF-8 body in base64 (7-bit safe, no line starts with a dot).
    var rendered: String {
        let encodedBody = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: \(from)",
            "To: \(to)",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(Timestamp.rfc5322(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            encodedBody,
            "",
        ].joined(separator: "\r\n")
    }
}

/// Sends e-mail.
protocol MailTransport: Sendable {
    func send(_ mail: OutgoingMail) async throws
}

/// The embedded default: each message becomes an `.eml` file in `<data>/mail`, readable by any
/// mail client. The files hold messages in clear, like any mail spool, in a 0700 directory.
struct FileMailTransport: MailTransport {
    let directory: String

    func send(_ mail: OutgoingMail) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let stamp = Int(mail.date.timeIntervalSince1970 * 1000)
        let path = (directory as NSString).appendingPathComponent("\(stamp)-\(mail.messageID.prefix(36)).eml")
        guard FileManager.default.createFile(atPath: path, contents: Data(mail.rendered.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw MailError.cannotWrite
        }
    }
}

enum MailError: Error, Sendable, CustomStringConvertible {
    case cannotWrite
    case smtp(stage: String, reply: Int)
    case connectionClosed(stage: String)

    var description: String {
        switch self {
        case .cannotWrite: return "the mail directory is not writable"
        case .smtp(let stage, let reply): return "SMTP server answered \(reply) at \(stage)"
        case .connectionClosed(let stage): return "SMTP connection closed at \(stage)"
        }
    }
}
