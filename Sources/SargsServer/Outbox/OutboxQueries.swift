import Fluent
import Foundation
import SargsKit

/// Reading the outbox for staff: messages that gave up after their last attempt. Topics, kinds,
/// attempts and errors only; payloads stay sealed.
enum OutboxQueries {
    /// A failed message as the console lists it.
    struct Failure: Encodable, Sendable {
        var kind: String
        var topic: String
        var requestID: String?
        var attempts: Int
        var failedAt: Date
        var lastError: String?
    }

    static func failedCount(on database: any Database) async throws -> Int {
        try await OutboxMessageModel.query(on: database).filter(\.$failedAt != nil).count()
    }

    /// Failed messages, newest first.
    static func failures(limit: Int, offset: Int, on database: any Database) async throws -> [Failure] {
        try await OutboxMessageModel.query(on: database).filter(\.$failedAt != nil).sort(\.$failedAt, .descending)
            .range(offset..<(offset + limit)).all().map { row in
                Failure(
                    kind: row.kind.auditText, topic: row.topic, requestID: row.requestID?.wire, attempts: row.attempts,
                    failedAt: row.failedAt ?? row.createdAt, lastError: row.lastError)
            }
    }
}
