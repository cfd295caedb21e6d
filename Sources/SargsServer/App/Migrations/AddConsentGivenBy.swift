import Fluent

/// Migration 017: who gave a consent when it was not the subject — a holder of parental
/// responsibility for a child below the age of digital consent (GDPR Art. 8(1)).
struct AddConsentGivenBy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ConsentEventModel.schema).field("given_by", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConsentEventModel.schema).deleteField("given_by").update()
    }
}
