import Fluent
import SQLKit

/// A model whose rows can be inserted many at a time through SQLKit. Fluent's own `create` finds a
/// model's fields by reflection for every instance (over half the time of a bulk import); a bulk
/// row names its columns once and its values in the same order, bound with the database's own
/// encoder, so the stored form is the one Fluent reads back (a test compares the columns with the
/// model's fields).
protocol BulkInsertable: Model {
    /// The table's columns, in the order of `bulkValues`.
    static var bulkColumns: [String] { get }
    /// This row's values; `id` must be set.
    var bulkValues: [any Encodable & Sendable] { get }
}

extension Array where Element: BulkInsertable {
    /// Inserts every row with multi-row `INSERT` statements of at most about 10,000 bound values
    /// (within the limits of both SQLite and PostgreSQL), in the caller's transaction.
    func insert(on database: any Database) async throws {
        guard !isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { return try await create(on: database) }
        try await RowInsertion(self).run(on: sql)
    }
}

/// Rows of one table to insert, as values: several operations' insertions into the same table can
/// be merged into one multi-row statement (the audit log's group commit does so for subject creates).
struct RowInsertion: Sendable {
    let table: String
    let columns: [String]
    var rows: [[any Encodable & Sendable]]

    init<Row: BulkInsertable>(_ models: [Row]) {
        table = Row.schema
        columns = Row.bulkColumns
        rows = models.map(\.bulkValues)
    }

    /// The rows of all `insertions`, one insertion per table in the order the tables first appear.
    static func merged(_ insertions: [RowInsertion]) -> [RowInsertion] {
        var merged: [RowInsertion] = []
        for insertion in insertions {
            if let index = merged.firstIndex(where: { $0.table == insertion.table }) {
                merged[index].rows += insertion.rows
            } else {
                merged.append(insertion)
            }
        }
        return merged
    }

    /// Inserts the rows in statements of at most about 10,000 bound values.
    func run(on sql: any SQLDatabase) async throws {
        for chunk in rows.chunked(by: Swift.max(1, 10_000 / columns.count)) {
            var insert = sql.insert(into: table).columns(columns)
            for row in chunk { insert = insert.values(row.map { SQLBind($0) }) }
            try await insert.run()
        }
    }
}

extension SubjectModel: BulkInsertable {
    static let bulkColumns = ["id", "external_ref", "country", "language", "status", "wrapped_key", "email_index", "phone_index",
                              "consent_age_reached_on", "created_at", "last_transaction_at", "obtained_from", "notice_due_on", "notice_sent_at",
                              "facts_version"]
    var bulkValues: [any Encodable & Sendable] {
        [id, externalRef, country, language, status, wrappedKey, emailIndex, phoneIndex, consentAgeReachedOn, createdAt, lastTransactionAt,
         obtainedFrom, noticeDueOn, noticeSentAt, factsVersion]
    }
}

extension DataItemModel: BulkInsertable {
    static let bulkColumns = ["id", "subject_id", "category", "ciphertext", "source", "collected_for", "collected_at", "updated_at",
                              "archived_for"]
    var bulkValues: [any Encodable & Sendable] {
        [id, subjectID, category, ciphertext, source, collectedFor, collectedAt, updatedAt, archivedFor]
    }
}

extension AuditEntryModel: BulkInsertable {
    static let bulkColumns = ["sequence", "time_ms", "actor", "action", "subject_id", "purpose", "categories", "result", "previous_hash", "hash",
                              "chain_version"]
    var bulkValues: [any Encodable & Sendable] {
        [id, timeMilliseconds, actor, action, subjectID, purpose, categories, result, previousHash, hash, chainVersion]
    }
}

extension ConsentEventModel: BulkInsertable {
    static let bulkColumns = ["id", "subject_id", "purpose", "channel", "state", "method", "verified_by", "evidence", "policy_version",
                              "notice_hash", "recorded_at", "given_by"]
    var bulkValues: [any Encodable & Sendable] {
        [id, subjectID, purpose, channel, state, method, verifiedBy, evidence, policyVersion, noticeHash, recordedAt, givenBy]
    }
}

extension RelationshipModel: BulkInsertable {
    static let bulkColumns = ["id", "subject_id", "kind", "starts_at", "ends_at"]
    var bulkValues: [any Encodable & Sendable] { [id, subjectID, kind, start, end] }
}

extension ObjectionModel: BulkInsertable {
    static let bulkColumns = ["id", "subject_id", "purpose", "direct_marketing", "since"]
    var bulkValues: [any Encodable & Sendable] { [id, subjectID, purpose, directMarketing, since] }
}

extension RequestModel: BulkInsertable {
    static let bulkColumns = ["id", "type", "subject_id", "status", "channel", "language", "received_on", "due_on", "latest_due_on",
                              "invalid_notice_due_on", "paused_days", "awaiting_since", "extended", "sealed", "outcome", "created_at",
                              "closed_at", "letter", "signature_required"]
    var bulkValues: [any Encodable & Sendable] {
        [id, type, subjectID, status, channel, language, receivedOn, dueOn, latestDueOn, invalidNoticeDueOn, pausedDays, awaitingSince,
         extended, sealed, outcome, createdAt, closedAt, letter, signatureRequired]
    }
}

extension RequestEventModel: BulkInsertable {
    static let bulkColumns = ["id", "request_id", "action", "actor", "status", "note", "at"]
    var bulkValues: [any Encodable & Sendable] { [id, requestID, action, actor, status, note, at] }
}

extension VerificationChallengeModel: BulkInsertable {
    static let bulkColumns = ["id", "request_id", "code_hash", "expires_at", "failed_attempts", "verified_at", "address_key", "ip_key",
                              "created_at"]
    var bulkValues: [any Encodable & Sendable] {
        [id, requestID, codeHash, expiresAt, failedAttempts, verifiedAt, addressKey, ipKey, createdAt]
    }
}

extension OutboxMessageModel: BulkInsertable {
    static let bulkColumns = ["id", "kind", "request_id", "recipient", "topic", "payload", "attempts", "next_attempt_at", "delivered_at",
                              "failed_at", "claimed_at", "last_error", "created_at"]
    var bulkValues: [any Encodable & Sendable] {
        [id, kind, requestID, recipient, topic, payload, attempts, nextAttemptAt, deliveredAt, failedAt, claimedAt, lastError, createdAt]
    }
}
