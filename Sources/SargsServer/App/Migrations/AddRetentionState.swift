import Fluent
import SargsKit

/// Migration 004: what carrying retention out needs — values archived for the purposes that still
/// keep them, anonymous counts (no link to any subject), the record of retention runs, and job
/// leases (one runner at a time across processes and instances), and consent renewal reminders sent.
struct AddRetentionState: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DataItemModel.schema).field("archived_for", .string).update()
        try await database.schema(AnonymousCountModel.schema)
            .id()
            .field("rule", .string, .required)
            .field("purpose", .string, .required)
            .field("facts", .string, .required)
            .field("period", .string, .required)
            .field("count", .int, .required)
            .unique(on: "rule", "purpose", "facts", "period")
            .create()
        try await database.schema(RetentionRunModel.schema)
            .id()
            .field("actor", .string, .required)
            .field("status", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("summary", .string)
            .create()
        try await database.schema(ConsentReminderModel.schema)
            .id()
            .field("subject_id", .uuid, .required, .references(SubjectModel.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("given_at", .datetime, .required)
            .field("sent_at", .datetime, .required)
            .create()
        try await database.schema(JobLeaseModel.schema)
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobLeaseModel.schema).delete()
        try await database.schema(ConsentReminderModel.schema).delete()
        try await database.schema(RetentionRunModel.schema).delete()
        try await database.schema(AnonymousCountModel.schema).delete()
        try await database.schema(DataItemModel.schema).deleteField("archived_for").update()
    }
}
