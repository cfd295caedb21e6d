import Foundation
import SargsCore

/// A message the embedded default wrote as an `.eml` file, read back: for `sargs mail last` and
/// for tests. Reads the body in any transfer encoding Sargs writes (8bit, quoted-printable, base64).
public struct MailFile: Sendable, Equatable {
    public var path: String
    public var to: String
    public var subject: String
    public var date: String
    public var body: String

    /// The newest message in `directory` (by file name, which starts with the time it was written),
    /// or the newest to `address` when one is given; nil when there is none.
    public static func newest(in directory: String, to address: String? = nil) throws -> MailFile? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasSuffix(".eml")
        }.sorted()
        for name in names.reversed() {
            let path = (directory as NSString).appendingPathComponent(name)
            let mail = try parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
            if let address, !mail.to.lowercased().contains(address.lowercased()) { continue }
            return mail
        }
        return nil
    }

    /// Reads one message: its `To`, `Date` and `Subject` headers (an RFC 2047 UTF-8 word decoded) and its body.
    public static func parse(_ text: String, path: String = "") throws -> MailFile {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalised.range(of: "\n\n") else { throw MailFileError.noBody(path) }
        let headers = normalised[..<split.lowerBound].split(separator: "\n").map(String.init)
        func header(_ name: String) -> String {
            headers.first { $0.lowercased().hasPrefix(name.lowercased() + ": ") }.map {
                String($0.dropFirst(name.count + 2))
            } ?? ""
        }
        var subject = header("Subject")
        if subject.hasPrefix("=?UTF-8?B?"), subject.hasSuffix("?="),
            let data = Data(base64Encoded: String(subject.dropFirst(10).dropLast(2)))
        {
            subject = String(decoding: data, as: UTF8.self)
        }
        let raw = String(normalised[split.upperBound...])
        let body: String
        switch header("Content-Transfer-Encoding").lowercased() {
        case "base64":
            guard let data = Data(base64Encoded: raw.replacingOccurrences(of: "\n", with: "")) else {
                throw MailFileError.badBody(path)
            }
            body = String(decoding: data, as: UTF8.self)
        case "quoted-printable":
            body = QuotedPrintable.decode(raw).replacingOccurrences(of: "\r\n", with: "\n")
        default:
            body = raw
        }
        return MailFile(
            path: path, to: header("To"), subject: subject, date: header("Date"),
            body: body.hasSuffix("\n") ? String(body.dropLast()) : body)
    }
}

/// A mail file that cannot be read.
public enum MailFileError: Error, Sendable, CustomStringConvertible {
    case noBody(String)
    case badBody(String)

    public var description: String {
        switch self {
        case .noBody(let path): "\(path): no blank line between the headers and the body"
        case .badBody(let path): "\(path): the body does not match its Content-Transfer-Encoding"
        }
    }
}
