import Fluent

/// Migration 014: when an outbox message was claimed by a worker, so that the claims of a process
/// that died can be released at once (`OutboxWorker.releaseClaims`) instead of after the lease.
struct AddOutboxClaim: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessageModel.schema).field("claimed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessageModel.schema).deleteField("claimed_at").update()
    }
}
