import Fluent

/// Migration 015: when the last accounting record about a subject was made (an invoice, a
/// payment), from whose financial year accounting retention counts (`AccountingRecord`).
struct AddLastTransaction: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SubjectModel.schema).field("last_transaction_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SubjectModel.schema).deleteField("last_transaction_at").update()
    }
}
