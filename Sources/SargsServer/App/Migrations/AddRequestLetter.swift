import Fluent

/// Migration 003: the latest message to a requester with no e-mail address, sealed, for staff to
/// send by post or hand over (the answer must reach them in their language all the same).
struct AddRequestLetter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestModel.schema).field("letter", .data).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestModel.schema).deleteField("letter").update()
    }
}
