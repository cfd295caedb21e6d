import Fluent
import SargsKit
import SQLKit

/// Migration 016: an index for every lookup on a hot path and every foreign key of a table that
/// grows with subjects, requests or time. Without them a decision's cache miss scanned four whole
/// tables, and each request creation scanned its rate-limit table twice (issue 22). `IF NOT
/// EXISTS`, so existing databases gain them and a rerun is harmless; `HotPathQueryTests` keeps
/// every hot query off a full scan on SQLite and PostgreSQL.
struct AddHotPathIndexes: AsyncMigration {
    /// Name, table and columns of each index (an optional `WHERE` makes it partial).
    struct Index: Sendable {
        let name: String
        let table: String
        let columns: [String]
        var condition: String? = nil
    }

    static let indexes: [Index] = [
        // A subject's facts: decisions, reads, erasure, retention, export.
        Index(name: "consent_events_subject", table: "consent_events", columns: ["subject_id", "recorded_at"]),
        Index(name: "relationships_subject", table: "relationships", columns: ["subject_id"]),
        Index(name: "objections_subject", table: "objections", columns: ["subject_id"]),
        Index(name: "restrictions_subject", table: "restrictions", columns: ["subject_id"]),
        Index(name: "disclosures_subject", table: "disclosures", columns: ["subject_id", "disclosed_at"]),
        Index(name: "legal_holds_subject", table: "legal_holds", columns: ["subject_id"]),
        Index(name: "pending_consents_subject", table: "pending_consents", columns: ["subject_id"]),
        Index(name: "consent_reminders_subject", table: "consent_reminders", columns: ["subject_id"]),
        Index(name: "policy_notices_subject", table: "policy_notices", columns: ["subject_id"]),
        Index(name: "breach_subjects_subject", table: "breach_subjects", columns: ["subject_id"]),
        Index(name: "audit_entries_subject", table: "audit_entries", columns: ["subject_id"]),
        // Requests: by subject, the console's lists by status and due date, the purge, their history and messages.
        Index(name: "requests_subject", table: "requests", columns: ["subject_id"]),
        Index(name: "requests_status_due", table: "requests", columns: ["status", "due_on"]),
        Index(name: "requests_closed", table: "requests", columns: ["closed_at"]),
        Index(name: "request_events_request", table: "request_events", columns: ["request_id", "at"]),
        Index(name: "recipient_notices_request", table: "recipient_notices", columns: ["request_id"]),
        Index(name: "outbox_request", table: "outbox", columns: ["request_id"]),
        Index(
            name: "outbox_due", table: "outbox", columns: ["next_attempt_at"],
            condition: "delivered_at IS NULL AND failed_at IS NULL"),
        // Rate limits and codes: by key within the last hour, and the purge by expiry.
        Index(name: "verification_challenges_request", table: "verification_challenges", columns: ["request_id"]),
        Index(name: "verification_challenges_ip", table: "verification_challenges", columns: ["ip_key", "created_at"]),
        Index(
            name: "verification_challenges_address", table: "verification_challenges",
            columns: ["address_key", "created_at"]),
        Index(name: "verification_challenges_expiry", table: "verification_challenges", columns: ["expires_at"]),
        Index(name: "consent_sessions_subject", table: "consent_sessions", columns: ["subject_id"]),
        Index(name: "consent_sessions_ip", table: "consent_sessions", columns: ["ip_key", "created_at"]),
        Index(name: "consent_sessions_address", table: "consent_sessions", columns: ["address_key", "created_at"]),
        Index(name: "consent_sessions_expiry", table: "consent_sessions", columns: ["expires_at"]),
        Index(name: "staff_sign_ins_ip", table: "staff_sign_ins", columns: ["ip_key", "created_at"]),
        Index(name: "staff_sign_ins_address", table: "staff_sign_ins", columns: ["address_key", "created_at"]),
        Index(name: "staff_sign_ins_expiry", table: "staff_sign_ins", columns: ["expires_at"]),
        // The banner's records: by visitor, and their expiry in the retention run.
        Index(name: "cookie_consents_visitor", table: "cookie_consents", columns: ["visitor_id", "recorded_at"]),
        Index(name: "cookie_consents_recorded", table: "cookie_consents", columns: ["recorded_at"]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try JobLease.sql(database)
        for index in Self.indexes {
            let columns = index.columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let condition = index.condition.map { " WHERE \($0)" } ?? ""
            let statement =
                "CREATE INDEX IF NOT EXISTS \"\(index.name)\" ON \"\(index.table)\" (\(columns))\(condition)"
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try JobLease.sql(database)
        for index in Self.indexes {
            let statement = "DROP INDEX IF EXISTS \"\(index.name)\""
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }
}
