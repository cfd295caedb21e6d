import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Erasures that Sargs' own transaction decides and the company's datasets must follow (issue 25):
/// a retention run's deletions, the CLI's bulk erasure. In the deciding transaction, before the
/// vault's values go, the subjects are grouped by the categories removed and their identities
/// sealed (`DatasetErasureWorkModel`); once it commits, each group is carried into every dataset —
/// one search for the group's identities and one transaction per dataset — and deleted when every
/// dataset confirmed. A dataset that fails keeps the group for the next carry-out; the vault's part
/// is never held back.
enum DatasetErasureQueue {
    /// What one dataset did in a carry-out: rows emptied or deleted, groups that failed there.
    struct Tally: Sendable, Equatable {
        var dataset: String
        var rows: Int
        var failedGroups: Int
    }

    /// Records groups (and processors' orders) inside the deciding transaction.
    struct Recorder: Sendable {
        let vault: SubjectVault
        let master: MasterKey
        /// The categories the datasets hold: only what they hold is queued.
        let categories: Set<String>
        /// The processors and manual systems that carry out erasures: a person left with nothing in
        /// the vault gets an order to each (`ErasureOrders`).
        let processors: [String]
        /// `retention` or `cli`.
        let origin: String

        /// Nil when the policy names no dataset and no processor that carries out erasures.
        init?(
            _ datasets: CompanyDatasets, external: ExternalSystems, origin: String, vault: SubjectVault,
            master: MasterKey
        ) {
            let processors = ErasureOrders.orderedSystems(external)
            guard !datasets.entries.isEmpty || !processors.isEmpty else { return nil }
            self.vault = vault
            self.master = master
            self.processors = processors
            self.origin = origin
            categories = Set(datasets.entries.flatMap { DatasetErasurePlan.categories(of: $0.dataset) })
        }

        /// Queues the subjects whose removed categories (category → subjects) a dataset holds, by
        /// group of categories, and an order to each processor for the `shredded` (nothing of them
        /// left in the vault), with their identities read now; returns how many groups.
        func record(
            _ removed: [String: [UUID]], shredded: [UUID] = [], at now: Date, on database: any Database
        ) async throws -> Int {
            var bySubject: [UUID: Set<String>] = [:]
            for (category, subjects) in removed where categories.contains(category) {
                for subject in subjects { bySubject[subject, default: []].insert(category) }
            }
            let ordered = processors.isEmpty ? Set<UUID>() : Set(shredded)
            let everyone = Set(bySubject.keys).union(ordered)
            guard !everyone.isEmpty else { return 0 }
            let identities = try await vault.identities(of: Array(everyone), on: database)
            _ = try await ErasureOrders.record(
                identities.filter { ordered.contains($0.key) }, processors: processors, origin: origin,
                master: master, at: now, on: database)
            let groups = Dictionary(grouping: bySubject.keys) { bySubject[$0]! }
            for (categories, members) in groups {
                var merged: [String: [String]] = [:]
                for member in members {
                    for (kind, values) in identities[member] ?? [:] { merged[kind, default: []] += values }
                }
                try await DatasetErasureWorkModel(
                    action: "erase", categories: categories.sorted(), subjects: members.count, identities: merged,
                    master: master, at: now
                ).create(on: database)
            }
            return groups.count
        }
    }

    /// In a lift's transaction: the person's rows are unmarked in every dataset with a restriction
    /// column once the lift takes effect (Art. 18(3)); nothing when no dataset marks restrictions.
    static func recordUnmark(
        _ identities: [String: [String]], datasets: CompanyDatasets, effective: Date, master: MasterKey,
        at now: Date, on database: any Database
    ) async throws {
        guard datasets.entries.contains(where: { $0.reference.restriction != nil }), !identities.isEmpty else {
            return
        }
        try await DatasetErasureWorkModel(
            action: "unmark", categories: [], subjects: 1, identities: identities, notBefore: effective, master: master,
            at: now
        ).create(on: database)
    }

    /// Carries the recorded groups into the datasets, after the deciding transaction committed.
    struct Runner: Sendable {
        let keys: ServerKeys
        let store: WriteStore
        let clock: ServerClock
        let datasets: CompanyDatasets

        /// How long a claimed group is held by its runner (a second runner skips it meanwhile).
        static let lease: TimeInterval = 600

        /// Carries out every recorded group; returns what each dataset did. With a `session`, the
        /// company databases' connections are the session's (a run's chunks share them).
        func carryOut(
            actor: String, in session: ExternalDatabase.Session? = nil, on database: any Database
        ) async throws -> [Tally] {
            guard !datasets.entries.isEmpty else { return [] }
            var counts: [String: Tally] = [:]
            let now = clock.now
            let due = try await DatasetErasureWorkModel.query(on: database)
                .group(.or) { when in when.filter(\.$notBefore == nil).filter(\.$notBefore <= now) }
                .group(.or) { when in when.filter(\.$retryAt == nil).filter(\.$retryAt <= now) }
                .sort(\.$createdAt).all()
            for work in due {
                let id = try work.requireID()
                // The claim: a retention run and the background jobs never carry out one group together.
                let claimed = try await JobLease.sql(database).raw(
                    """
                    UPDATE \(ident: DatasetErasureWorkModel.schema)
                    SET attempts = attempts + 1, retry_at = \(bind: now.addingTimeInterval(Self.lease))
                    WHERE id = \(bind: id) AND attempts = \(bind: work.attempts) RETURNING id
                    """
                ).first()
                guard claimed != nil else { continue }
                let identities = try JSONDecoder().decode(
                    [String: [String]].self,
                    from: try Vault.openService(
                        work.identities, context: DatasetErasureWorkModel.context(id), with: keys.master))
                var done = work.doneSet
                var failures: [String] = []
                var drafts: [AuditChain.Draft] = []
                for entry in datasets.entries where !done.contains(entry.system) {
                    let plan = DatasetErasurePlan(entry.dataset, erasing: work.categorySet)
                    do {
                        let rows =
                            work.action == "unmark"
                            ? try await unmark(identities, in: entry, session: session)
                            : plan.acts ? try await erase(plan, for: identities, in: entry, session: session) : 0
                        counts[entry.system, default: .init(dataset: entry.system, rows: 0, failedGroups: 0)].rows +=
                            rows
                        done.insert(entry.system)
                        drafts.append(
                            AuditChain.Draft(
                                time: clock.now, actor: actor, action: .systemErase,
                                categories: work.categorySet.sorted(),
                                result: AuditResult.ok(entry.system, "subjects=\(work.subjects);rows=\(rows)")))
                    } catch {
                        counts[entry.system, default: .init(dataset: entry.system, rows: 0, failedGroups: 0)]
                            .failedGroups += 1
                        failures.append("\(entry.system): \(SystemFailure(error).description)")
                        drafts.append(
                            AuditChain.Draft(
                                time: clock.now, actor: actor, action: .systemErase,
                                categories: work.categorySet.sorted(), result: "failed:\(entry.system)"))
                    }
                }
                let finished = failures.isEmpty
                let (doneText, failureText) = (
                    done.sorted().joined(separator: ","), failures.joined(separator: "; ")
                )
                let entries = drafts
                // After a failure: backoff (1, 4, 16… minutes, then every 6 hours), not every tick.
                let retry = clock.now.addingTimeInterval(SystemRetry.delay(afterAttempt: work.attempts + 1) ?? 6 * 3600)
                // No log flush for this delete: the identities are sealed under the service key (as the
                // request's systems keep theirs), not a subject's key a later erasure shreds; SQLite's
                // secure_delete zeroes the row's page, and the deciding job's next secure write flushes.
                try await store.write(on: database) { database in
                    if finished {
                        try await DatasetErasureWorkModel.query(on: database).filter(\.$id == id).delete()
                    } else {
                        try await DatasetErasureWorkModel.query(on: database).filter(\.$id == id)
                            .set(\.$done, to: doneText).set(\.$failure, to: failureText)
                            .set(\.$retryAt, to: retry).update()
                    }
                    return ((), entries)
                }
            }
            return counts.values.sorted { $0.dataset < $1.dataset }
        }

        /// A lifted restriction in one dataset: the person's rows unmarked; 0 when it marks none.
        private func unmark(
            _ identities: [String: [String]], in entry: CompanyDatasets.Entry, session: ExternalDatabase.Session?
        ) async throws -> Int {
            guard let marker = entry.reference.restriction else { return 0 }
            return try await entry.withConnector(in: session) { connector, database, sql in
                let found = try await connector.find(identities: identities, keysOnly: true, sql: sql)
                return try await connector.restrict(marker, found: found, marked: false, database: database).rowCount
            }
        }

        /// One group in one dataset: a single search for every subject's identities, then the plan's
        /// fields emptied (or rows deleted) in one transaction. Returns the rows changed.
        private func erase(
            _ plan: DatasetErasurePlan, for identities: [String: [String]], in entry: CompanyDatasets.Entry,
            session: ExternalDatabase.Session?
        ) async throws -> Int {
            try await entry.withConnector(in: session) { connector, database, sql in
                let spec = SystemWork.ErasureSpec(plan)
                let found = try await connector.find(identities: identities, keysOnly: true, erasing: spec, sql: sql)
                let outcome = try await connector.erase(spec, found: found, database: database)
                // Rows changed: the collections whose rows were emptied or deleted, not those only searched.
                return outcome.collections.filter { $0.action == "deleted" || $0.action == "emptied" }.map(\.rows)
                    .reduce(0, +)
            }
        }
    }
}
