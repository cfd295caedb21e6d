import Fluent
import Foundation
import SargsKit
import SQLKit
import Logging
import SargsCore

/// Posts a webhook body; returns the HTTP status.
protocol WebhookTransport: Sendable {
    func post(url: String, headers: [(String, String)], body: Data) async throws -> UInt
}

/// Delivers due outbox messages: e-mail through the mail transport, webhooks signed with the
/// recipient's secret. Failures are retried with exponential backoff (30 s doubling, at most
/// 6 h apart) and given up after `maximumAttempts`, staying visible on the request.
struct OutboxWorker: Sendable {
    let master: MasterKey
    let clock: ServerClock
    let mail: any MailTransport
    let webhooks: any WebhookTransport
    let from: String
    let logger: Logger

    static let maximumAttempts = 12

    static func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(0, attempt - 1))), 6 * 3600)
    }

    /// How long a claimed message is reserved for the worker that claimed it; renewed before each
    /// message of a batch is sent, so a slow batch keeps its claims and a dead worker's are free soon.
    static let lease: TimeInterval = 60

    /// Delivers up to `limit` messages that are due; returns how many were delivered. Messages are
    /// claimed first with one conditional `UPDATE … RETURNING` (their next attempt moved past the
    /// lease), so several workers — or several server instances on one PostgreSQL — never send the
    /// same message twice; a worker that dies mid-delivery leaves the message to be retried after the lease.
    @discardableResult
    func deliverDue(on database: any Database, limit: Int = 100) async throws -> Int {
        let now = clock.now
        let ids = try await claim(on: database, now: now, limit: limit)
        guard !ids.isEmpty else { return 0 }
        let due = try await OutboxMessageModel.query(on: database).filter(\.$id ~~ ids).sort(\.$createdAt).all()
        var delivered = 0
        for message in due {
            try await renew(message, on: database)
            message.attempts += 1
            do {
                try await deliver(message, on: database, now: now)
                message.deliveredAt = clock.now
                message.payload = nil  // delivered: the personal content is not kept
                message.lastError = nil
                delivered += 1
            } catch {
                message.lastError = Self.redacted(String(describing: error))
                if message.attempts >= Self.maximumAttempts {
                    message.failedAt = now
                    logger.error(
                        "outbox message given up",
                        metadata: ["id": "\(message.id?.uuidString ?? "")", "topic": "\(message.topic)"])
                } else {
                    message.nextAttemptAt = now.addingTimeInterval(Self.delay(afterAttempt: message.attempts))
                    logger.warning(
                        "outbox delivery failed; will retry",
                        metadata: [
                            "id": "\(message.id?.uuidString ?? "")",
                            "attempts": "\(message.attempts)",
                        ])
                }
            }
            message.claimedAt = nil
            try await message.save(on: database)
            ServerMetrics.outbox(kind: message.kind.auditText, delivered: message.deliveredAt != nil)
        }
        return delivered
    }

    /// An error as stored and shown to staff: at most 200 characters, with what a server may echo
    /// of a person or a secret replaced: e-mail addresses (`550 <someone@example.com> rejected`)
    /// by `<address>`, a URL's query (tokens) by `?…`, and runs of seven or more digits (phone
    /// numbers) by `<number>`.
    static func redacted(_ error: String) -> String {
        error.replacingOccurrences(
            of: #"[^\s<>"'@:;,]+@[^\s<>"'@:;,]+"#, with: "<address>", options: .regularExpression
        )
        .replacingOccurrences(of: #"(https?://[^\s?#"'<>]*)\?[^\s"'<>]*"#, with: "$1?…", options: .regularExpression)
        .replacingOccurrences(of: #"\+?\d[\d ]{5,}\d"#, with: "<number>", options: .regularExpression)
        .prefix(200).description
    }

    func claim(on database: any Database, now: Date, limit: Int) async throws -> [UUID] {
        guard let sql = database as? any SQLDatabase else { throw DeliveryError.notSQL }
        let table = OutboxMessageModel.schema
        let rows = try await sql.raw(
            """
            UPDATE \(ident: table)
            SET next_attempt_at = \(bind: now.addingTimeInterval(Self.lease)), claimed_at = \(bind: now)
            WHERE next_attempt_at <= \(bind: now) AND delivered_at IS NULL AND failed_at IS NULL AND id IN (
                SELECT id FROM \(ident: table)
                WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(bind: now)
                ORDER BY next_attempt_at LIMIT \(bind: limit))
            RETURNING id
            """
        ).all()
        return try rows.map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Extends the claim on `message` by a lease from now, just before it is sent.
    func renew(_ message: OutboxMessageModel, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, let id = message.id else { throw DeliveryError.notSQL }
        let until = clock.now.addingTimeInterval(Self.lease)
        try await sql.update(OutboxMessageModel.schema).set("next_attempt_at", to: until).where("id", .equal, id).run()
        message.nextAttemptAt = until
    }

    /// Makes every claimed, undelivered message due now: at the start of `sargs serve` on the
    /// embedded SQLite file, which only one server uses, every claim is a dead process's, and the
    /// messages it held (a code that expires in 15 minutes among them) go out at once, not a lease later.
    static func releaseClaims(on database: any Database, now: Date) async throws -> Int {
        let claimed = try await OutboxMessageModel.query(on: database).filter(\.$claimedAt != nil).filter(
            \.$deliveredAt == nil
        )
        .filter(\.$failedAt == nil).all()
        for message in claimed {
            message.claimedAt = nil
            message.nextAttemptAt = now
            try await message.save(on: database)
        }
        return claimed.count
    }

    func deliver(_ message: OutboxMessageModel, on database: any Database, now: Date) async throws {
        guard let payload = try Outbox.openPayload(message, master: master), let id = message.id else {
            throw DeliveryError.noPayload
        }
        switch message.kind {
        case .email:
            let email = try JSONDecoder().decode(Outbox.EmailPayload.self, from: payload)
            try await mail.send(
                OutgoingMail(
                    from: from, to: email.to, subject: email.subject, body: email.body,
                    messageID: "\(id.uuidString.lowercased())@sargs", date: message.createdAt))
        case .webhook:
            guard let recipient = message.recipient,
                let endpoint = try await RecipientEndpointModel.find(recipient, on: database)
            else {
                throw DeliveryError.noEndpoint
            }
            let secret = try Vault.openService(endpoint.secret, context: "endpoint|\(recipient)", with: master)
            let timestamp = Int(now.timeIntervalSince1970)
            let headers = [
                ("Content-Type", "application/json"),
                ("Sargs-Delivery-Id", id.uuidString.lowercased()),
                ("Sargs-Event", message.topic),
                (
                    "Sargs-Signature",
                    WebhookSignature.header(secret: secret, deliveryID: id, timestamp: timestamp, body: payload)
                ),
            ]
            let status = try await webhooks.post(url: endpoint.url, headers: headers, body: payload)
            guard (200..<300).contains(status) else { throw DeliveryError.status(status) }
        case .transfer:
            // The receiving controller shares no secret with us; the URL came from the verified requester.
            let transfer = try JSONDecoder().decode(Outbox.TransferPayload.self, from: payload)
            let headers = [
                ("Content-Type", "application/json"), ("Sargs-Delivery-Id", id.uuidString.lowercased()),
                ("Sargs-Event", message.topic),
            ]
            let status = try await webhooks.post(url: transfer.url, headers: headers, body: transfer.document)
            guard (200..<300).contains(status) else { throw DeliveryError.status(status) }
        }
    }

    enum DeliveryError: Error, CustomStringConvertible {
        case noPayload
        case noEndpoint
        case notSQL
        case status(UInt)

        var description: String {
            switch self {
            case .noPayload: return "no payload"
            case .noEndpoint: return "the recipient has no endpoint"
            case .notSQL: return "the outbox needs an SQL database"
            case .status(let code): return "endpoint answered HTTP \(code)"
            }
        }
    }
}
