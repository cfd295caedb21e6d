import Fluent
import Foundation
import SargsCore

/// Queues messages for delivery, inside the caller's transaction: a change and the messages
/// it causes commit together or not at all.
enum Outbox {
    enum Kind: String, Codable, Sendable {
        case email
        case webhook
        /// A portability transmission to another controller's URL (Art. 20(2)).
        case transfer
    }

    /// Queues an e-mail to `address`.
    @discardableResult
    static func email(
        to address: String, _ message: RequestMessage, topic: String, requestID: UUID?,
        master: MasterKey, at now: Date, on database: any Database
    ) async throws -> UUID {
        let payload = EmailPayload(to: address, subject: message.subject, body: message.body)
        return try await enqueue(
            .email, payload: try JSONEncoder().encode(payload), topic: topic, requestID: requestID,
            recipient: nil, master: master, at: now, on: database)
    }

    /// Queues a webhook call to a recipient's endpoint; the body is sent exactly as given.
    @discardableResult
    static func webhook(
        recipient: String, body: Data, topic: String, requestID: UUID?,
        master: MasterKey, at now: Date, on database: any Database
    ) async throws -> UUID {
        try await enqueue(
            .webhook, payload: body, topic: topic, requestID: requestID, recipient: recipient,
            master: master, at: now, on: database)
    }

    /// Queues a direct transmission of a portability document to another controller.
    @discardableResult
    static func transfer(
        to url: String, document: Data, requestID: UUID, master: MasterKey, at now: Date,
        on database: any Database
    ) async throws -> UUID {
        let payload = try JSONEncoder().encode(TransferPayload(url: url, document: document))
        return try await enqueue(
            .transfer, payload: payload, topic: "art20.transfer", requestID: requestID, recipient: nil,
            master: master, at: now, on: database)
    }

    struct TransferPayload: Codable {
        var url: String
        var document: Data
    }

    static func enqueue(
        _ kind: Kind, payload: Data, topic: String, requestID: UUID?, recipient: String?,
        master: MasterKey, at now: Date, on database: any Database
    ) async throws -> UUID {
        try await enqueue(
            try Sealed(kind, payload: payload, master: master), topic: topic, requestID: requestID,
            recipient: recipient, at: now,
            on: database)
    }

    /// A message sealed ahead of its transaction (the work done the same whether or not it is then queued).
    struct Sealed: Sendable {
        let id: UUID
        let kind: Kind
        let payload: Data

        init(_ kind: Kind, payload: Data, master: MasterKey) throws {
            id = UUID()
            self.kind = kind
            self.payload = try Vault.sealService(payload, context: "outbox|\(id.uuidString)", with: master)
        }

        /// An e-mail, sealed.
        static func email(to address: String, _ message: RequestMessage, master: MasterKey) throws -> Sealed {
            try Sealed(
                .email,
                payload: try JSONEncoder().encode(
                    EmailPayload(to: address, subject: message.subject, body: message.body)),
                master: master)
        }
    }

    @discardableResult
    static func enqueue(
        _ sealed: Sealed, topic: String, requestID: UUID?, recipient: String? = nil, at now: Date,
        on database: any Database
    ) async throws -> UUID {
        let message = self.message(sealed, topic: topic, requestID: requestID, recipient: recipient, at: now)
        try await message.create(on: database)
        return sealed.id
    }

    /// The row that queues `sealed`, for a caller that inserts it with others (`WriteStore.insert`).
    static func message(
        _ sealed: Sealed, topic: String, requestID: UUID?, recipient: String? = nil, at now: Date
    ) -> OutboxMessageModel {
        let message = OutboxMessageModel()
        message.id = sealed.id
        message.kind = sealed.kind
        message.topic = topic
        message.requestID = requestID
        message.recipient = recipient
        message.payload = sealed.payload
        message.attempts = 0
        message.nextAttemptAt = now
        message.createdAt = now
        return message
    }

    static func openPayload(_ message: OutboxMessageModel, master: MasterKey) throws -> Data? {
        guard let sealed = message.payload, let id = message.id else { return nil }
        return try Vault.openService(sealed, context: "outbox|\(id.uuidString)", with: master)
    }

    struct EmailPayload: Codable {
        var to: String
        var subject: String
        var body: String
    }
}
