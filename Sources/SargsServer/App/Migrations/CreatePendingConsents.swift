import Fluent

/// Migration 008: consents waiting for their one-time code.
struct CreatePendingConsents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PendingConsentModel.schema)
            .id()
            .field("subject_id", .uuid, .required, .references(SubjectModel.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("verification_channel", .string, .required)
            .field("sealed", .data, .required)
            .field("code_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("failed_attempts", .int, .required)
            .field("confirmed_at", .datetime)
            .field("consent_event_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingConsentModel.schema).delete()
    }
}
