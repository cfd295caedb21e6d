import Fluent
import Foundation
import SargsCore
import SQLKit

/// Appends hash-chained audit entries. Appends are serialised (one chain, one writer) and run in
/// the same transaction as the change they record, so a response is sent only after its entry is
/// durable and a rolled-back change leaves no entry behind.
///
/// Across processes — the server and a `sargs keys create` beside it, or several server instances on
/// one PostgreSQL — each transaction first takes the database's write serialisation (SQLite: a write
/// as its first statement, which holds the single writer lock; PostgreSQL: a transaction-scoped
/// advisory lock) and only then reads the chain head, so no two writers ever chain onto the same entry.
public actor AuditLog {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Runs `body` in a transaction and appends the drafts it returns, in order.
    public func perform<T: Sendable>(on database: any Database,
                                     _ body: @Sendable @escaping (any Database) async throws -> (T, [AuditChain.Draft])) async throws -> T {
        await acquire()
        do {
            let result: T = try await database.transaction { transaction in
                try await Self.lockChain(transaction)
                let start = try await Self.currentHead(transaction)
                let (value, drafts) = try await body(transaction)
                var current = start
                var models: [AuditEntryModel] = []
                models.reserveCapacity(drafts.count)
                for draft in drafts {
                    let entry = AuditChain.append(draft, after: current)
                    models.append(AuditEntryModel(entry))
                    current = (entry.sequence, entry.hash)
                }
                // Multi-row inserts (a batch erasure or an import appends hundreds at once).
                try await models.insert(on: transaction)
                return value
            }
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    /// Serialises chain writers across processes for the rest of the transaction.
    static func lockChain(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: 0x5341_5247)::bigint)").run()
        } else {
            // A no-op write takes SQLite's writer lock now (as BEGIN IMMEDIATE would), waiting in the busy handler.
            try await sql.raw("UPDATE \(ident: Setting.schema) SET value = value WHERE name = \(bind: Setting.keyCheckValue)").run()
        }
    }

    /// Appends entries that record no data change (reads, key management).
    public func record(_ drafts: [AuditChain.Draft], on database: any Database) async throws {
        _ = try await perform(on: database) { _ in ((), drafts) }
    }

    static func currentHead(_ database: any Database) async throws -> (sequence: Int64, hash: String)? {
        let last = try await AuditEntryModel.query(on: database).sort(\.$id, .descending).first()
        return last.map { ($0.id ?? 0, $0.hash) }
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }

    /// Reads the whole chain in order and verifies it (`sargs audit verify`).
    public static func verify(on database: any Database) async throws -> AuditChain.Verification {
        let rows = try await AuditEntryModel.query(on: database).sort(\.$id, .ascending).all()
        return AuditChain.verify(rows.map(\.entry))
    }
}
