import Fluent
import Foundation
import SargsCore

/// The one way services change what Sargs holds: an audited transaction (group-committed with
/// its chain segment) that bumps the facts version of the subjects it names and, once committed,
/// forgets their cached facts and data keys; and the caches reads go through.
public struct WriteStore: Sendable {
    public let audit: AuditLog
    /// In-process decision facts; nil when another process may write (PostgreSQL).
    public let factsCache: DecisionFactsCache?
    /// Recently unwrapped subjects' data keys (a minute at most, in memory only).
    public let dataKeys: DataKeyCache

    public init(audit: AuditLog, factsCache: DecisionFactsCache?, dataKeys: DataKeyCache) {
        self.audit = audit
        self.factsCache = factsCache
        self.dataKeys = dataKeys
    }

    /// How a write deletes: `.securely` when it destroys personal values (erasure, retention,
    /// purges). The one secure-delete step: inside the transaction the connection overwrites what
    /// it deletes, and once the transaction has committed the SQLite log is emptied, so no page
    /// image of a deleted value stays on disk (`SecureDeletion`).
    public enum Deletion: Sendable {
        case none
        case securely
        /// As `securely`, but the log is emptied at most once per the batch's interval; the caller
        /// calls `finish` on the batch when its run of transactions ends.
        case securelyIn(SecureDeletion.Batch)

        var overwrites: Bool {
            if case .none = self { return false }
            return true
        }
    }

    /// Runs `body` in one audited transaction that also bumps the facts version of every subject
    /// it names and, once it has committed, forgets their cached decision facts and data keys.
    /// `body` receives values (`ModelWrite`, `RowInsertion`, ids), never a model read outside it.
    public func write<T: Sendable>(
        on database: any Database, affecting subjects: [UUID] = [], deleting: Deletion = .none,
        _ body: @Sendable @escaping (any Database) async throws -> (T, [AuditChain.Draft])
    ) async throws -> T {
        let result = try await audit.perform(on: database) { transaction in
            if deleting.overwrites { try await SecureDeletion.prepare(transaction) }
            let outcome = try await body(transaction)
            try await FactsVersions.bump(subjects, on: transaction)
            return outcome
        }
        forgetCached(subjects)
        switch deleting {
        case .none: break
        case .securely: try await SecureDeletion.flush(database)
        case .securelyIn(let batch): try await batch.committed(on: database)
        }
        return result
    }

    /// Inserts new rows with the entries that record them, merged with concurrent operations' rows
    /// (`AuditLog.insert`), bumping the facts versions of `subjects` in the same transaction, and
    /// then forgets their cached facts and keys, as `write` does.
    public func insert(
        _ rows: [RowInsertion], recording drafts: [AuditChain.Draft], affecting subjects: [UUID] = [],
        on database: any Database
    ) async throws {
        try await audit.insert(rows, recording: drafts, bumping: subjects, on: database)
        forgetCached(subjects)
    }

    /// After a committed change: drops the cached facts, sealed values and data keys of `subjects`.
    private func forgetCached(_ subjects: [UUID]) {
        for subject in subjects { factsCache?.invalidate(subject) }
        dataKeys.forget(subjects)
    }
}
