import Fluent

/// Migration 010: the consent banner's records.
struct CreateCookieConsents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CookieConsentModel.schema)
            .id()
            .field("visitor_id", .string, .required)
            .field("choices", .string, .required)
            .field("policy_version", .string, .required)
            .field("cookie_hash", .string, .required)
            .field("language", .string, .required)
            .field("gpc", .bool, .required)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CookieConsentModel.schema).delete()
    }
}
