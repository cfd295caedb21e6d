import Fluent
import Foundation

/// A message waiting to be delivered: an e-mail or a webhook call, retried with backoff until
/// delivered or given up. The payload is sealed and deleted once delivered.
final class OutboxMessageModel: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "request_id") var requestID: UUID?
    @OptionalField(key: "recipient") var recipient: String?
    /// What the message is, without personal data: `verification`, `acknowledgement`, `erasure`, …
    @Field(key: "topic") var topic: String
    @OptionalField(key: "payload") var payload: Data?
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "failed_at") var failedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Where a recipient receives Art. 19 notifications: an HTTPS endpoint and its signing secret (sealed).
final class RecipientEndpointModel: Model, @unchecked Sendable {
    static let schema = "recipient_endpoints"

    @ID(custom: "recipient", generatedBy: .user) var id: String?
    @Field(key: "url") var url: String
    @Field(key: "secret") var secret: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One recipient told of one request's change (Art. 19): how, and whether it confirmed.
final class RecipientNoticeModel: Model, @unchecked Sendable {
    static let schema = "recipient_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "recipient") var recipient: String
    /// `webhook` when sent through the recipient's endpoint, `manual` when staff must tell it.
    @Field(key: "method") var method: String
    @OptionalField(key: "outbox_id") var outboxID: UUID?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "confirmed_by") var confirmedBy: String?

    init() {}
}
