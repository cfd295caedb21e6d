import Fluent

/// Migration 007: the signature a request must carry (the policy's rule for its channel and type),
/// kept on the request so staff see it and a code cannot verify it.
struct AddRequestSignature: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestModel.schema).field("signature_required", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestModel.schema).deleteField("signature_required").update()
    }
}
