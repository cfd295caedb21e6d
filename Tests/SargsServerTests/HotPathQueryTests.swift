import Fluent
import Foundation
@testable import SargsKit
import SQLKit
import Testing
import Vapor
@testable import SargsServer

/// Every query on a hot path is answered through an index, never by scanning a table that grows
/// with subjects, requests or time (issue 22 item 1): `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN`
/// with sequential scans discouraged on PostgreSQL (whose planner prefers them on small tables).
@Suite("Hot queries use indexes")
struct HotPathQueryTests {
    /// A hot query and the table it must not scan.
    struct Hot: Sendable, CustomStringConvertible {
        let what: String
        let table: String
        let sql: String
        var description: String { what }
    }

    static let id = "00000000-0000-0000-0000-000000000001"

    /// The lookups of decisions and reads, consent and fact writes, request creation and its rate
    /// limits, the outbox, retention, the purge, the banner and the console's lists.
    static let hot: [Hot] = [
        Hot(
            what: "subject by e-mail (decisions, reads, requests)", table: "subjects",
            sql: "SELECT id FROM subjects WHERE email_index = 'x'"),
        Hot(what: "subject by phone", table: "subjects", sql: "SELECT id FROM subjects WHERE phone_index = 'x'"),
        Hot(
            what: "a subject's values", table: "data_items",
            sql: "SELECT * FROM data_items WHERE subject_id = '\(id)'"),
        Hot(
            what: "a subject's consents", table: "consent_events",
            sql: "SELECT * FROM consent_events WHERE subject_id = '\(id)' ORDER BY recorded_at"),
        Hot(
            what: "a subject's relationships", table: "relationships",
            sql: "SELECT * FROM relationships WHERE subject_id = '\(id)'"),
        Hot(
            what: "a subject's objections", table: "objections",
            sql: "SELECT * FROM objections WHERE subject_id = '\(id)'"),
        Hot(
            what: "a subject's restrictions", table: "restrictions",
            sql: "SELECT * FROM restrictions WHERE subject_id = '\(id)'"),
        Hot(
            what: "a subject's disclosures", table: "disclosures",
            sql: "SELECT * FROM disclosures WHERE subject_id = '\(id)' ORDER BY disclosed_at"),
        Hot(
            what: "a subject's holds", table: "legal_holds", sql: "SELECT * FROM legal_holds WHERE subject_id = '\(id)'"
        ),
        Hot(
            what: "a subject's pending consents", table: "pending_consents",
            sql: "SELECT * FROM pending_consents WHERE subject_id = '\(id)'"),
        Hot(
            what: "a subject's audit trail", table: "audit_entries",
            sql: "SELECT * FROM audit_entries WHERE subject_id = '\(id)'"),
        Hot(
            what: "a subject's requests (erasure)", table: "requests",
            sql: "SELECT id FROM requests WHERE subject_id = '\(id)'"),
        Hot(
            what: "open requests by due date (console, overdue)", table: "requests",
            sql: "SELECT id FROM requests WHERE status = 'received' ORDER BY due_on"),
        Hot(
            what: "closed requests to purge", table: "requests",
            sql: "SELECT id FROM requests WHERE closed_at < '2020-01-01'"),
        Hot(
            what: "a request's history", table: "request_events",
            sql: "SELECT * FROM request_events WHERE request_id = '\(id)' ORDER BY at"),
        Hot(what: "a request's messages", table: "outbox", sql: "SELECT * FROM outbox WHERE request_id = '\(id)'"),
        Hot(
            what: "messages due (outbox claim)", table: "outbox",
            sql:
                """
                SELECT id FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL \
                AND next_attempt_at <= '2030-01-01' ORDER BY next_attempt_at LIMIT 100
                """
        ),
        Hot(
            what: "a request's recipients", table: "recipient_notices",
            sql: "SELECT * FROM recipient_notices WHERE request_id = '\(id)'"),
        Hot(
            what: "request codes per client IP this hour", table: "verification_challenges",
            sql: "SELECT count(*) FROM verification_challenges WHERE ip_key = 'k' AND created_at > '2020-01-01'"),
        Hot(
            what: "request codes per address this hour", table: "verification_challenges",
            sql: "SELECT count(*) FROM verification_challenges WHERE address_key = 'k' AND created_at > '2020-01-01'"),
        Hot(
            what: "a request's challenge", table: "verification_challenges",
            sql: "SELECT * FROM verification_challenges WHERE request_id = '\(id)'"),
        Hot(
            what: "privacy-center codes per client IP", table: "consent_sessions",
            sql: "SELECT count(*) FROM consent_sessions WHERE ip_key = 'k' AND created_at > '2020-01-01'"),
        Hot(
            what: "privacy-center codes per address", table: "consent_sessions",
            sql: "SELECT count(*) FROM consent_sessions WHERE address_key = 'k' AND created_at > '2020-01-01'"),
        Hot(
            what: "expired code rows to purge", table: "consent_sessions",
            sql: "SELECT id FROM consent_sessions WHERE expires_at < '2020-01-01'"),
        Hot(
            what: "console sign-ins per client IP", table: "staff_sign_ins",
            sql: "SELECT count(*) FROM staff_sign_ins WHERE ip_key = 'k' AND created_at > '2020-01-01'"),
        Hot(
            what: "a visitor's banner choices", table: "cookie_consents",
            sql: "SELECT * FROM cookie_consents WHERE visitor_id = 'v' ORDER BY recorded_at"),
        Hot(
            what: "banner choices to expire", table: "cookie_consents",
            sql: "SELECT id FROM cookie_consents WHERE recorded_at < '2020-01-01'"),
        Hot(
            what: "retention's next chunk", table: "subjects",
            sql: "SELECT id FROM subjects WHERE id > '\(id)' ORDER BY id LIMIT 500"),
    ]

    @Test("No hot query scans a table that grows with subjects, requests or time", arguments: hot)
    func usesAnIndex(_ query: Hot) async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            let sql = try #require(app.db as? any SQLDatabase)
            if sql.dialect.name == "sqlite" {
                let plan = try await sql.raw(SQLQueryString("EXPLAIN QUERY PLAN " + query.sql)).all()
                    .map { try $0.decode(column: "detail", as: String.self) }
                #expect(
                    !plan.contains {
                        $0.hasPrefix("SCAN \(query.table)") && !$0.contains("USING INDEX")
                            && !$0.contains("PRIMARY KEY")
                    },
                    "\(query): \(plan)")
                #expect(!plan.contains { $0 == "SCAN \(query.table)" }, "\(query): \(plan)")
            } else {
                try await app.db.transaction { database in
                    let sql = try #require(database as? any SQLDatabase)
                    try await sql.raw("SET LOCAL enable_seqscan = off").run()
                    let plan = try await sql.raw(SQLQueryString("EXPLAIN " + query.sql)).all()
                        .map { try $0.decode(column: "QUERY PLAN", as: String.self) }
                    #expect(!plan.contains { $0.contains("Seq Scan on \(query.table)") }, "\(query): \(plan)")
                }
            }
        }
    }

    @Test("The migration names only tables and columns that exist (every index is created)")
    func indexesExist() async throws {
        try await withSargs { app, _, _, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let names: [String]
            if sql.dialect.name == "sqlite" {
                names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'index'").all().map {
                    try $0.decode(column: "name", as: String.self)
                }
            } else {
                names = try await sql.raw("SELECT indexname FROM pg_indexes").all().map {
                    try $0.decode(column: "indexname", as: String.self)
                }
            }
            for index in AddHotPathIndexes.indexes { #expect(names.contains(index.name), "\(index.name)") }
        }
    }
}
