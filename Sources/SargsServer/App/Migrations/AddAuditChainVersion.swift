import Fluent
import SargsKit
import SQLKit

/// Migration 013: the scheme that chains each audit entry (`AuditChain.Version`). Entries already
/// stored were chained with plain SHA-256 and keep version 1; from now on the server writes
/// version 2, HMAC-SHA256 under the audit key derived from the master key.
struct AddAuditChainVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Raw SQL for the default, which both SQLite and PostgreSQL need to add a NOT NULL column to filled rows.
        try await JobLease.sql(database)
            .raw("ALTER TABLE \(ident: AuditEntryModel.schema) ADD COLUMN chain_version BIGINT NOT NULL DEFAULT 1")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntryModel.schema).deleteField("chain_version").update()
    }
}
