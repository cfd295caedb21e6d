import Fluent

/// Migration 009: sign-ins to the privacy center's consent pages.
struct CreateConsentSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ConsentSessionModel.schema)
            .id()
            .field("subject_id", .uuid, .references(SubjectModel.schema, "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("failed_attempts", .int, .required)
            .field("verified_at", .datetime)
            .field("address_key", .string, .required)
            .field("ip_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConsentSessionModel.schema).delete()
    }
}
