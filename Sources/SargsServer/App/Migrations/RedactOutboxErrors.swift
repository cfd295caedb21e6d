import Fluent
import Foundation
import SargsKit
import SQLKit

/// Migration 012: outbox errors stored before addresses were redacted from them get the same
/// redaction (`OutboxWorker.redacted`), now that staff read them in the console. Written in SQL
/// over the two columns it touches, so later columns of the model need not exist yet.
struct RedactOutboxErrors: AsyncMigration {
    struct Row: Decodable {
        var id: UUID
        var lastError: String

        enum CodingKeys: String, CodingKey { case id, lastError = "last_error" }
    }

    func prepare(on database: any Database) async throws {
        let sql = try JobLease.sql(database)
        let rows = try await sql.select().columns("id", "last_error").from(OutboxMessageModel.schema)
            .where("last_error", .isNot, SQLLiteral.null).all(decoding: Row.self)
        for row in rows {
            let redacted = OutboxWorker.redacted(row.lastError)
            guard redacted != row.lastError else { continue }
            try await sql.update(OutboxMessageModel.schema).set("last_error", to: redacted).where("id", .equal, row.id)
                .run()
        }
    }

    func revert(on database: any Database) async throws {}
}
