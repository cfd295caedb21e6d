import Fluent

/// Migration 011: console staff, their sign-ins and their sessions.
struct CreateStaff: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffMemberModel.schema)
            .id()
            .field("email_index", .string, .required)
            .field("email_sealed", .data, .required)
            .field("name_sealed", .data)
            .field("role", .string, .required)
            .field("totp_sealed", .data)
            .field("totp_last_step", .int64)
            .field("created_at", .datetime, .required)
            .field("removed_at", .datetime)
            .unique(on: "email_index")
            .create()
        try await database.schema(StaffSignInModel.schema)
            .id()
            .field("staff_id", .uuid, .references(StaffMemberModel.schema, "id", onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("failed_attempts", .int, .required)
            .field("code_accepted_at", .datetime)
            .field("completed_at", .datetime)
            .field("address_key", .string, .required)
            .field("ip_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(StaffSessionModel.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("staff_id", .uuid, .required, .references(StaffMemberModel.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("ended_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffSessionModel.schema).delete()
        try await database.schema(StaffSignInModel.schema).delete()
        try await database.schema(StaffMemberModel.schema).delete()
    }
}
