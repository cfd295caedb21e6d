import Fluent
import Foundation
@testable import SargsKit
@testable import SargsServer
import SQLKit
import Testing

/// The walls of erasure (issue 24): every table that holds rows about a subject is owned by a
/// registered `SubjectDataOwner` (or by the vault itself) or is kept on purpose with a reason, so a
/// feature that adds such a table cannot be forgotten by crypto-shredding (GDPR Art. 17(1)).
@Suite("Subject data owners")
struct SubjectDataOwnerTests {
    /// Tables with a `subject_id` that erasure keeps, and why: none holds a personal value.
    static let keptOnPurpose: [String: String] = [
        "data_items": "the vault's own values, deleted by the erasure itself",
        "audit_entries": "the hash chain: a pseudonymous id, never a value (Art. 5(2) accountability)",
        "breach_subjects": "the breach register's list of affected ids (Art. 33(5) documentation)",
        "policy_notices": "that a change notice was sent: an id and a time",
        "tombstones": "the id and time of each shredded subject, replayed after a restore",
    ]

    @Test(
        """
        Art. 17: every table with a subject_id column is shredded \
        by a registered owner or kept on purpose with its reason
        """
    )
    func everyTableOwned() async throws {
        try await withSargs { app, context, _, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let tables: [String]
            if sql.dialect.name == "sqlite" {
                tables = try await sql.raw(
                    """
                    SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) c
                    WHERE m.type = 'table' AND c.name = 'subject_id'
                    """
                ).all().map { try $0.decode(column: "name", as: String.self) }
            } else {
                tables = try await sql.raw(
                    """
                    SELECT table_name AS name FROM information_schema.columns
                    WHERE column_name = 'subject_id' AND table_schema = current_schema()
                    """
                ).all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(tables.count >= 10, "\(tables)")
            let owned = Set(context.subjectData.flatMap(\.tables))
            for table in tables {
                #expect(
                    owned.contains(table) || Self.keptOnPurpose[table] != nil,
                    """
                    \(table) holds rows about subjects, but no SubjectDataOwner shreds it and it is not kept on purpose
                    """
                )
            }
            #expect(owned.isDisjoint(with: Self.keptOnPurpose.keys), "a table is either shredded or kept, not both")
        }
    }
}
