import Fluent

/// Migration 012: outbox errors stored before addresses were redacted from them get the same
/// redaction (`OutboxWorker.redacted`), now that staff read them in the console.
struct RedactOutboxErrors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for message in try await OutboxMessageModel.query(on: database).filter(\.$lastError != nil).all() {
            let redacted = message.lastError.map(OutboxWorker.redacted)
            guard redacted != message.lastError else { continue }
            message.lastError = redacted
            try await message.save(on: database)
        }
    }

    func revert(on database: any Database) async throws {}
}
