import Fluent
import SQLKit

/// Making deletions real on disk. A deleted SQLite row stays in the file's free space, and in the
/// write-ahead log, until overwritten; a value deleted by retention or erasure (whose subject may
/// keep its data key) must not be recoverable from there. PostgreSQL's deleted tuples are removed
/// by VACUUM, which autovacuum runs.
public enum SecureDeletion {
    /// On SQLite, makes this connection overwrite deleted content with zeros (`secure_delete`;
    /// sqlite-nio's build defaults to it, the pragma keeps it so whatever the build); call it
    /// inside the transaction that deletes.
    public static func prepare(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA secure_delete = ON").run()
    }

    /// On SQLite, copies the log into the database file and empties it, so that no earlier page
    /// image with a deleted value remains in the log. Best effort: readers may hold some frames.
    public static func flush(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }
}
