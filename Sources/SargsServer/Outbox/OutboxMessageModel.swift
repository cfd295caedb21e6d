import Fluent
import Foundation
import SargsKit

/// A message waiting to be delivered: an e-mail or a webhook call, retried with backoff until
/// delivered or given up. The payload is sealed and deleted once delivered.
final class OutboxMessageModel: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: Outbox.Kind
    @OptionalField(key: "request_id") var requestID: UUID?
    @OptionalField(key: "recipient") var recipient: String?
    /// What the message is, without personal data: `verification`, `acknowledgement`, `erasure`, …
    @Field(key: "topic") var topic: String
    @OptionalField(key: "payload") var payload: Data?
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "delivered_at") var deliveredAt: Date?
    @OptionalField(key: "failed_at") var failedAt: Date?
    /// When a worker claimed the message for delivery; nil once it is delivered, failed or released.
    @OptionalField(key: "claimed_at") var claimedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields).
extension OutboxMessageModel: BulkInsertable {
    static let bulkColumns = [
        "id", "kind", "request_id", "recipient", "topic", "payload", "attempts", "next_attempt_at", "delivered_at",
        "failed_at", "claimed_at", "last_error", "created_at",
    ]
    var bulkValues: [any Encodable & Sendable] {
        [
            id, kind, requestID, recipient, topic, payload, attempts, nextAttemptAt, deliveredAt, failedAt, claimedAt,
            lastError, createdAt,
        ]
    }
}
