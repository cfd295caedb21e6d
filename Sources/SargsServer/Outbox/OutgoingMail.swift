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

    /// How the body is written: `eightBit` (UTF-8 as it is, for files a person reads with `cat`) or
    /// `quotedPrintable` (7-bit, for any SMTP server; readable where the text is ASCII).
    enum BodyEncoding: String, Sendable {
        case eightBit = "8bit"
        case quotedPrintable = "quoted-printable"
    }

    /// The message as RFC 5322 text with CRLF line ends: the UTF-8 subject as an RFC 2047 encoded
    /// word, the UTF-8 body in `encoding` (a file needs no dot-stuffing; SMTP gets quoted-printable,
    /// which encodes a leading full stop).
    func rendered(_ encoding: BodyEncoding) -> String {
        let encodedBody: String
        switch encoding {
        case .quotedPrintable: encodedBody = QuotedPrintable.encode(body)
        case .eightBit:
            encodedBody = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        }
        return [
            "From: \(from)",
            "To: \(to)",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(Timestamp.rfc5322(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: \(encoding.rawValue)",
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
/// mail client and, its body in 8-bit UTF-8, with `cat` (`sargs mail last` prints the newest). The files hold
/// messages in clear, like any mail spool, in a 0700 directory.
struct FileMailTransport: MailTransport {
    let directory: String

    func send(_ mail: OutgoingMail) async throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let stamp = Int(mail.date.timeIntervalSince1970 * 1000)
        let path = (directory as NSString).appendingPathComponent("\(stamp)-\(mail.messageID.prefix(36)).eml")
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(mail.rendered(.eightBit).utf8), attributes: [.posixPermissions: 0o600])
        else {
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
