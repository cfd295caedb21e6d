import Fluent
import SargsKit
import SQLKit

/// Migration 018: for data not obtained from the subject (Art. 14), where it came from, the day the
/// notice is due (one month after collection, Art. 14(3)(a)) and when it was sent.
struct AddIndirectCollectionNotice: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(SubjectModel.schema).field("obtained_from", .string).update()
        try await database.schema(SubjectModel.schema).field("notice_due_on", .string).update()
        try await database.schema(SubjectModel.schema).field("notice_sent_at", .datetime).update()
        try await JobLease.sql(database).raw(
            "CREATE INDEX IF NOT EXISTS \"subjects_notice_due\" ON \"subjects\" (\"notice_due_on\")"
        ).run()
    }

    func revert(on database: any Database) async throws {
        for field in ["obtained_from", "notice_due_on", "notice_sent_at"] {
            try await database.schema(SubjectModel.schema).deleteField(.key(.init(stringLiteral: field))).update()
        }
    }
}
