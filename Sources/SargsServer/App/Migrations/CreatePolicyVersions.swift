import Fluent

/// Migration 006: every policy version served or scheduled, with its change-notice progress and
/// the subjects each version's notice was queued for.
struct CreatePolicyVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PolicyVersionModel.schema)
            .id()
            .field("version_label", .string, .required)
            .field("content_hash", .string, .required)
            .field("yaml", .string, .required)
            .field("effective_on", .string, .required)
            .field("effective_at", .datetime, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .field("material", .bool, .required)
            .field("changes", .string, .required)
            .field("renewed_consent", .string, .required)
            .field("notice_state", .string, .required)
            .field("notices_idle_at", .datetime)
            .field("subjects_checked", .int, .required)
            .field("notices_queued", .int, .required)
            .field("notices_finished_at", .datetime)
            .unique(on: "content_hash")
            .create()
        try await database.schema(PolicyNoticeModel.schema)
            .id()
            .field("version_id", .uuid, .required, .references(PolicyVersionModel.schema, "id", onDelete: .cascade))
            .field("subject_id", .uuid, .required, .references(SubjectModel.schema, "id", onDelete: .cascade))
            .field("queued_at", .datetime, .required)
            .unique(on: "version_id", "subject_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PolicyNoticeModel.schema).delete()
        try await database.schema(PolicyVersionModel.schema).delete()
    }
}
