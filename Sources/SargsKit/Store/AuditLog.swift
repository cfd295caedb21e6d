import Fluent
import Foundation
import SargsCore
import SQLKit
import Synchronization

/// Appends hash-chained audit entries, in the same transaction as the change they record, so a
/// response is sent only after its entry is durable and a rolled-back change leaves no entry behind.
/// Every entry is keyed (HMAC-SHA256 under the audit key derived from the master key, chain version
/// 2); the chain's head is signed outside the database by `AuditHeadSigner` into `heads`.
///
/// **Group commit.** Operations that arrive while a transaction is being written wait, and are then
/// written together: one transaction, one contiguous segment of the chain, one commit. Each runs
/// inside its own savepoint, so one that fails is rolled back alone and its caller gets its error
/// while the others commit; every caller is answered only after the commit that holds its work. An
/// operation that only records (a read) needs no savepoint, since it changes nothing that could fail. An
/// operation that arrives when nothing is being written starts at once, so an idle server adds no
/// latency, and the batches grow with the load.
///
/// Across processes — the server and a `sargs keys create` beside it, or several server instances on
/// one PostgreSQL — each transaction takes the database's write serialisation (SQLite: a write,
/// which holds the single writer lock; PostgreSQL: a transaction-scoped advisory lock) before it
/// reads the chain head, and holds it to the commit, so no two writers ever chain onto the same entry.
public actor AuditLog {
    /// One caller's operation waiting to be written.
    private struct Job: Sendable {
        public let database: any Database
        public let work: Work
        public let finish: @Sendable (Result<any Sendable, any Error>) -> Void

        /// The subjects whose facts version this job's insertions bump.
        public var bumped: [UUID] {
            if case .insert(_, _, let subjects) = work { subjects } else { [] }
        }
    }

    /// What an operation writes: a change with the entries that record it, or entries alone (a
    /// read, key management), which cannot fail on their own and so need no savepoint.
    private enum Work: Sendable {
        case change(@Sendable (any Database) async throws -> (any Sendable, [AuditChain.Draft]))
        case record([AuditChain.Draft])
        /// New rows given as values, which the batch merges with the other operations' rows, and
        /// the subjects whose facts version they bump.
        case insert([RowInsertion], [AuditChain.Draft], bumping: [UUID])
    }

    private var writing = false
    private var queued: [Job] = []
    /// Transactions written, and the operations they held (their ratio is the mean batch).
    private(set) var batches = 0
    private(set) var operations = 0
    /// Operations waiting for the transaction being written to commit.
    public var waiting: Int { queued.count }
    /// The most operations written in one transaction.
    public static let maximumBatch = 256

    /// Chains the entries and signs the head.
    public nonisolated let key: AuditChainKey
    /// Where the signed head is kept, outside the database; nil when none is configured (then
    /// `verify` cannot see entries removed from the end).
    public nonisolated let heads: (any AuditHeadSink)?

    public init(key: AuditChainKey, heads: (any AuditHeadSink)? = nil) {
        self.key = key
        self.heads = heads
    }

    /// Runs `body` in a transaction (shared with operations arriving at the same time, each in its
    /// own savepoint) and appends the drafts it returns, in order; returns after the commit.
    public func perform<T: Sendable>(
        on database: any Database,
        _ body: @Sendable @escaping (any Database) async throws -> (T, [AuditChain.Draft])
    ) async throws -> T {
        if database.inTransaction {
            // Already inside a caller's transaction: append there; the chain lock orders writers.
            return try await Self.writeAlone(on: database, key: key, body)
        }
        let value = try await enqueue(.change { try await body($0) }, on: database)
        guard let typed = value as? T else { throw AuditLogError.unexpectedResult }
        return typed
    }

    /// Appends entries that record no data change (reads, key management), after the commit.
    public func record(_ drafts: [AuditChain.Draft], on database: any Database) async throws {
        if database.inTransaction {
            return try await Self.writeAlone(on: database, key: key) { _ in ((), drafts) }
        }
        _ = try await enqueue(.record(drafts), on: database)
    }

    /// Inserts new rows with their entries. The rows of operations in the same transaction go into
    /// one multi-row statement per table; if that fails (a duplicate among them), the merged
    /// statements are rolled back and each operation's rows are inserted alone in its own
    /// savepoint, so only the one at fault gets the error.
    ///
    /// The facts versions of `subjects` are bumped in the same transaction, once it holds the chain
    /// lock (so instances bumping the same subjects never deadlock); a bump for an operation that
    /// failed is harmless (the next read asks the database again).
    public func insert(
        _ rows: [RowInsertion], recording drafts: [AuditChain.Draft], bumping subjects: [UUID] = [],
        on database: any Database
    ) async throws {
        if database.inTransaction {
            return try await Self.writeAlone(on: database, key: key) { transaction in
                for insertion in rows { try await insertion.run(on: try JobLease.sql(transaction)) }
                try await FactsVersions.bump(subjects, on: transaction)
                return ((), drafts)
            }
        }
        _ = try await enqueue(.insert(rows, drafts, bumping: subjects), on: database)
    }

    /// Queues `work` for the next transaction (starting one when none is being written) and
    /// returns its result once that transaction has committed.
    private func enqueue(_ work: Work, on database: any Database) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            queued.append(Job(database: database, work: work, finish: { continuation.resume(with: $0) }))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Writes batches until nobody waits.
    private func drain() async {
        while !queued.isEmpty {
            let batch = Array(queued.prefix(Self.maximumBatch))
            queued.removeFirst(batch.count)
            batches += 1
            operations += batch.count
            ServerMetrics.auditBatch(operations: batch.count)
            await Self.write(batch, key: key)
        }
        writing = false
    }

    /// One transaction for `batch`: each operation in a savepoint (when there are several), the
    /// drafts of those that succeeded appended after them, then the commit; then every caller is answered.
    ///
    /// A batch with a change in it takes the chain lock first, so the changes are serialised with
    /// every other writer's, as each was written before group commit. A batch of insertions and
    /// records only (creates, consents, reads) writes its rows first and takes the lock just for
    /// the head, the entries and the commit: new rows depend on nothing another writer changes, and
    /// the shorter hold lets instances on one PostgreSQL overlap their work.
    private static func write(_ batch: [Job], key: AuditChainKey) async {
        let shared = batch.count > 1
        let outcomes = Outcomes(count: batch.count)
        let lockFirst = batch.contains { if case .change = $0.work { true } else { false } }
        do {
            try await batch[0].database.transaction { transaction in
                if lockFirst { try await lockChain(transaction) }
                var segment = Segment()
                try await insertTogether(batch, shared: shared, into: &segment, outcomes: outcomes, on: transaction)
                for (index, job) in batch.enumerated() {
                    let run: @Sendable (any Database) async throws -> (any Sendable, [AuditChain.Draft])
                    switch job.work {
                    case .record(let drafts):
                        segment.append(drafts)
                        outcomes.set(index, .success(()))
                        continue
                    case .insert:
                        continue
                    case .change(let body):
                        run = body
                    }
                    switch try await isolated(
                        String(index), shared: shared, transaction, { try await run(transaction) })
                    {
                    case .success(let (value, drafts)):
                        segment.append(drafts)
                        outcomes.set(index, .success(value))
                    case .failure(let error):
                        outcomes.set(index, .failure(error), final: true)
                    }
                }
                if !lockFirst { try await lockChain(transaction) }
                try await FactsVersions.bump(batch.flatMap(\.bumped), on: transaction)
                // Multi-row inserts (a batch erasure or an import appends hundreds at once).
                try await segment.chained(after: try await currentHead(transaction), key: key).insert(on: transaction)
            }
        } catch {
            // Nothing committed: whoever did not fail on their own fails with the transaction.
            outcomes.failAll(with: error)
        }
        for (index, job) in batch.enumerated() { job.finish(outcomes.result(index)) }
    }

    /// The batch's insertions: merged into one statement per table (within a savepoint when
    /// others share the transaction), or, when that fails, each operation's alone in its own savepoint.
    private static func insertTogether(
        _ batch: [Job], shared: Bool, into segment: inout Segment, outcomes: Outcomes,
        on transaction: any Database
    ) async throws {
        let inserts = batch.enumerated().compactMap {
            index, job -> (index: Int, rows: [RowInsertion], drafts: [AuditChain.Draft])? in
            guard case .insert(let rows, let drafts, _) = job.work else { return nil }
            return (index, rows, drafts)
        }
        guard !inserts.isEmpty else { return }
        let sql = try JobLease.sql(transaction)
        let merged = try await isolated("merged", shared: shared, transaction) {
            for insertion in RowInsertion.merged(inserts.flatMap(\.rows)) { try await insertion.run(on: sql) }
        }
        let alone = inserts.count > 1 && !merged.succeeded
        for insert in inserts {
            let result =
                alone
                ? try await isolated(String(insert.index), shared: true, transaction) {
                    for insertion in insert.rows { try await insertion.run(on: sql) }
                }
                : merged
            switch result {
            case .success:
                segment.append(insert.drafts)
                outcomes.set(insert.index, .success(()))
            case .failure(let error):
                outcomes.set(insert.index, .failure(error), final: true)
            }
        }
    }

    /// Runs `body` in savepoint `name` when others share the transaction: released when it
    /// succeeds, rolled back (with the error returned) when it fails. Alone, `body` runs as it is
    /// and its error fails the transaction.
    private static func isolated<T>(
        _ name: String, shared: Bool, _ database: any Database,
        _ body: () async throws -> T
    ) async throws -> Result<T, any Error> {
        guard shared else { return .success(try await body()) }
        try await savepoint("SAVEPOINT", name, database)
        do {
            let value = try await body()
            try await savepoint("RELEASE SAVEPOINT", name, database)
            return .success(value)
        } catch {
            try await savepoint("ROLLBACK TO SAVEPOINT", name, database)
            try await savepoint("RELEASE SAVEPOINT", name, database)
            return .failure(error)
        }
    }

    private static func savepoint(_ statement: String, _ name: String, _ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("\(unsafeRaw: statement) sargs_operation_\(unsafeRaw: name)").run()
    }

    /// Runs one operation in the caller's own transaction.
    private static func writeAlone<T: Sendable>(
        on database: any Database, key: AuditChainKey,
        _ body: @Sendable @escaping (any Database) async throws -> (T, [AuditChain.Draft])
    ) async throws -> T {
        try await database.transaction { transaction in
            try await lockChain(transaction)
            let (value, drafts) = try await body(transaction)
            var segment = Segment()
            segment.append(drafts)
            try await segment.chained(after: try await currentHead(transaction), key: key).insert(on: transaction)
            return value
        }
    }

    /// Serialises chain writers across processes for the rest of the transaction.
    public static func lockChain(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: 0x5341_5247)::bigint)").run()
        } else {
            // A no-op write takes SQLite's writer lock now (as BEGIN IMMEDIATE would), waiting in the busy handler.
            try await sql.raw(
                "UPDATE \(ident: Setting.schema) SET value = value WHERE name = \(bind: Setting.keyCheckValue)"
            ).run()
        }
    }

    /// The newest entry's sequence number and hash (two columns, read with SQL once per transaction).
    public static func currentHead(_ database: any Database) async throws -> (sequence: Int64, hash: String)? {
        guard let sql = database as? any SQLDatabase else {
            let last = try await AuditEntryModel.query(on: database).sort(\.$id, .descending).first()
            return last.map { ($0.id ?? 0, $0.hash) }
        }
        let row = try await sql.raw(
            "SELECT sequence, hash FROM \(ident: AuditEntryModel.schema) ORDER BY sequence DESC LIMIT 1"
        ).first()
        return try row.map {
            (try $0.decode(column: "sequence", as: Int64.self), try $0.decode(column: "hash", as: String.self))
        }
    }

    /// Reads the whole chain in order and verifies it, against the signed head when `heads` holds
    /// one (`sargs audit verify`, `GET /v1/audit/verify`). Throws `AuditHeadError` when the stored
    /// head cannot be read.
    public nonisolated func verify(on database: any Database) async throws -> AuditCheck {
        let head = try await heads?.latest()
        return AuditCheck(
            verification: try await Self.verify(on: database, key: key, head: head), signedHead: head,
            headLocation: heads?.location)
    }

    /// Verifies the whole chain, a page at a time, against `head` when given.
    public static func verify(
        on database: any Database, key: AuditChainKey, head: AuditHead?
    ) async throws -> AuditChain.Verification {
        if let head, let broken = AuditChain.check(head, key: key) { return broken }
        var verifier = AuditChain.Verifier(key: key, expecting: head)
        if let broken = try await check(&verifier, from: nil, through: nil, on: database) { return broken }
        return verifier.finish()
    }

    /// Feeds the entries from sequence `first` (all when nil) through `last` to `verifier` in
    /// sequence order, `pageSize` rows at a time; the first break, or nil.
    public static func check(
        _ verifier: inout AuditChain.Verifier, from first: Int64?, through last: Int64?,
        on database: any Database
    ) async throws -> AuditChain.Verification? {
        var after: Int64?
        let sql = try JobLease.sql(database)
        while true {
            // Plain rows, no model hydration: a chain of millions of entries is read at the speed of the HMACs.
            // The first page has no lower bound unless asked: rows numbered 0 or below must be seen too.
            let lower: SQLQueryString =
                after.map { "sequence > \(bind: $0)" } ?? first.map { "sequence >= \(bind: $0)" } ?? "1 = 1"
            let upper: SQLQueryString = last.map { "sequence <= \(bind: $0)" } ?? "1 = 1"
            let rows = try await sql.raw(
                """
                SELECT sequence, time_ms, actor, action, subject_id, purpose, \
                categories, result, previous_hash, hash, chain_version
                FROM \(ident: AuditEntryModel.schema) WHERE \(lower) AND \(upper) \
                ORDER BY sequence LIMIT \(literal: pageSize)
                """
            ).all()
            var lastRead: Int64?
            for row in rows {
                let entry = try Self.entry(row)
                if let broken = verifier.check(entry) { return broken }
                lastRead = entry.sequence
            }
            guard rows.count == pageSize, let next = lastRead else { return nil }
            after = next
            await Task.yield()
        }
    }

    /// An entry from a plain row of `audit_entries`.
    private static func entry(_ row: any SQLRow) throws -> AuditEntry {
        let categories = try row.decode(column: "categories", as: String.self)
        return AuditEntry(
            sequence: try row.decode(column: "sequence", as: Int64.self),
            timeMilliseconds: try row.decode(column: "time_ms", as: Int64.self),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            subjectID: try row.decode(column: "subject_id", as: UUID?.self),
            purpose: try row.decode(column: "purpose", as: String?.self),
            categories: categories.isEmpty ? [] : categories.split(separator: ",").map(String.init),
            result: try row.decode(column: "result", as: String.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self),
            chainVersion: try row.decode(column: "chain_version", as: Int.self))
    }

    /// Rows read at a time when the whole chain is checked.
    public static let pageSize = 5_000
}

/// The entries one transaction appends, in the order their operations ran; chained on from the
/// head read under the chain lock just before they are inserted.
private struct Segment {
    private(set) var drafts: [AuditChain.Draft] = []

    public mutating func append(_ more: [AuditChain.Draft]) { drafts += more }

    /// The rows to insert, each entry keyed onto the one before it, the first onto `head`.
    public func chained(after head: (sequence: Int64, hash: String)?, key: AuditChainKey) -> [AuditEntryModel] {
        var head = head
        return drafts.map { draft in
            let entry = AuditChain.append(draft, after: head, key: key)
            head = (entry.sequence, entry.hash)
            return AuditEntryModel(entry)
        }
    }
}

private extension Result {
    var succeeded: Bool { if case .success = self { true } else { false } }
}

/// What went wrong inside the audit log itself (not in an operation it wrote).
public enum AuditLogError: Error {
    /// An operation's result came back as another type than it was written with.
    case unexpectedResult
}

/// The outcome of each operation in a batch, filled in while the transaction runs (and kept
/// when the transaction itself then fails).
private final class Outcomes: Sendable {
    private struct State {
        public var results: [Result<any Sendable, any Error>?]
        public var final: Set<Int> = []
    }

    private let state: Mutex<State>

    public init(count: Int) { state = Mutex(State(results: Array(repeating: nil, count: count))) }

    /// `final`: the operation failed on its own, whatever happens to the transaction.
    public func set(_ index: Int, _ result: Result<any Sendable, any Error>, final isFinal: Bool = false) {
        state.withLock { state in
            state.results[index] = result
            if isFinal { state.final.insert(index) }
        }
    }

    public func failAll(with error: any Error) {
        state.withLock { state in
            for index in state.results.indices where !state.final.contains(index) {
                state.results[index] = .failure(error)
            }
        }
    }

    public func result(_ index: Int) -> Result<any Sendable, any Error> {
        state.withLock { $0.results[index] } ?? .failure(AuditLogError.unexpectedResult)
    }
}
