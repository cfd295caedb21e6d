import Fluent
import Foundation
import SargsCore

/// Appends hash-chained audit entries. Appends are serialised (one chain, one writer) and run in
/// the same transaction as the change they record, so a response is sent only after its entry is
/// durable and a rolled-back change leaves no entry behind.
public actor AuditLog {
    private var head: (sequence: Int64, hash: String)?
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Runs `body` in a transaction and appends the drafts it returns, in order.
    public func perform<T: Sendable>(on database: any Database,
                                     _ body: @Sendable @escaping (any Database) async throws -> (T, [AuditChain.Draft])) async throws -> T {
        await acquire()
        do {
            let start = try await currentHead(database)
            let (result, last): (T, (sequence: Int64, hash: String)?) = try await database.transaction { transaction in
                let (value, drafts) = try await body(transaction)
                var current = start
                var models: [AuditEntryModel] = []
                models.reserveCapacity(drafts.count)
                for draft in drafts {
                    let entry = AuditChain.append(draft, after: current)
                    models.append(AuditEntryModel(entry))
                    current = (entry.sequence, entry.hash)
                }
                // One multi-row insert per batch of entries (a batch erasure appends hundreds at once).
                for start in stride(from: 0, to: models.count, by: 500) {
                    try await Array(models[start..<min(start + 500, models.count)]).create(on: transaction)
                }
                return (value, current)
            }
            head = last
            release()
            return result
        } catch {
            head = nil  // re-read the chain head next time: the transaction may not have committed
            release()
            throw error
        }
    }

    /// Appends entries that record no data change (reads, key management).
    public func record(_ drafts: [AuditChain.Draft], on database: any Database) async throws {
        _ = try await perform(on: database) { _ in ((), drafts) }
    }

    private func currentHead(_ database: any Database) async throws -> (sequence: Int64, hash: String)? {
        if let head { return head }
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
