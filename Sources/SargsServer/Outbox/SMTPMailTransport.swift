import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends e-mail to an SMTP server (RFC 5321): plain `smtp://` (a local relay) or implicit TLS
/// `smtps://` (RFC 8314), with AUTH PLAIN when the URL carries credentials.
struct SMTPMailTransport: MailTransport {
    let host: String
    let port: Int
    let implicitTLS: Bool
    let username: String?
    let password: String?
    /// The name this client gives in EHLO.
    let clientName: String

    func send(_ mail: OutgoingMail) async throws {
        let tls = implicitTLS ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        let host = self.host
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            func command(_ line: String?, expect code: Int, stage: String) async throws {
                if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let reply = try await replies.next(stage: stage)
                guard reply == code else { throw MailError.smtp(stage: stage, reply: reply) }
            }
            try await command(nil, expect: 220, stage: "greeting")
            try await command("EHLO \(clientName)", expect: 250, stage: "EHLO")
            if let username, let password {
                let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", expect: 235, stage: "AUTH")
            }
            try await command("MAIL FROM:<\(Self.address(mail.from))>", expect: 250, stage: "MAIL FROM")
            try await command("RCPT TO:<\(Self.address(mail.to))>", expect: 250, stage: "RCPT TO")
            try await command("DATA", expect: 354, stage: "DATA")
            // Dot-stuffing (RFC 5321 §4.5.2); the quoted-printable body never needs it, headers might.
            let data = mail.rendered(.quotedPrintable).split(separator: "\r\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
            try await command(data + "\r\n.", expect: 250, stage: "message")
            try await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// The bare address of `Name <address>` or `address`.
    static func address(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }

    /// `smtp://user:password@host:port` or `smtps://…`; nil when the URL is not one.
    init?(url text: String, clientName: String) {
        guard let url = URL(string: text), let scheme = url.scheme, scheme == "smtp" || scheme == "smtps",
            let host = url.host
        else {
            return nil
        }
        self.host = host
        self.implicitTLS = scheme == "smtps"
        self.port = url.port ?? (scheme == "smtps" ? 465 : 25)
        self.username = url.user?.removingPercentEncoding
        self.password = url.password?.removingPercentEncoding
        self.clientName = clientName
    }
}

/// Reads SMTP replies (possibly multi-line, `250-…` then `250 …`) and returns their codes.
struct SMTPReplies {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    mutating func next(stage: String) async throws -> Int {
        while true {
            while let range = pending.range(of: "\r\n") {
                let line = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                guard line.count >= 3, let code = Int(line.prefix(3)) else { continue }
                let separator = line.dropFirst(3).first
                if separator != "-" { return code }
            }
            guard var buffer = try await iterator.next() else { throw MailError.connectionClosed(stage: stage) }
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
        }
    }
}
