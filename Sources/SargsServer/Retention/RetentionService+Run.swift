import Fluent
import Foundation
import SargsCore
import SargsKit

extension RetentionService {
    /// The lease that keeps retention runs one at a time across processes and instances.
    static let leaseName = "retention"
    /// The setting holding the fingerprint of the retention rules the last confirmed run used.
    static let confirmedRulesSetting = "retention.confirmed_rules"
    /// Subjects per transaction: small enough that other writers wait only briefly behind a chunk.
    static let defaultChunkSize = 200

    /// Carries out every retention action due now, a chunk of subjects per transaction, and records
    /// the run. A real run always uses the present time.
    ///
    /// - Parameters:
    ///   - confirmingRuleChange: the caller has seen the dry-run report of changed retention rules.
    ///     Without it, a run after the rules changed (a shortened period, a purpose that no longer
    ///     uses a category) is refused, so that a policy change never deletes on its own. On an
    ///     installation with no subjects yet there is nothing to confirm.
    ///   - progress: told the number of subjects checked after each chunk.
    /// - Throws: `DomainError.conflict` when another process is running retention, or the rules
    ///   changed and the change is not confirmed.
    func run(
        actor: String, confirmingRuleChange: Bool, chunkSize: Int = defaultChunkSize, on database: any Database,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> RetentionRunSummary {
        guard (1...databaseChunkSize).contains(chunkSize) else {
            throw DomainError.invalid(
                "chunk_size", "must be 1-\(databaseChunkSize) subjects (one transaction's IN lists)")
        }
        let lease = JobLease(name: Self.leaseName)
        let start = serverClock.now
        guard try await lease.acquire(at: start, on: database) else {
            throw DomainError.conflict(
                "retention", "a retention run is already in progress in another process; try again when it has finished"
            )
        }
        do {
            // Each chunk's deletions are overwritten as it commits and leave the log within about a
            // second (and before the run returns), not one log flush per chunk.
            let summary = try await SecureDeletion.batched(on: database) { flushes in
                try await runHoldingLease(
                    lease, actor: actor, confirmingRuleChange: confirmingRuleChange, chunkSize: chunkSize,
                    flushes: flushes, on: database, progress: progress)
            }
            try await lease.release(on: database)
            return summary
        } catch {
            try? await lease.release(on: database)
            throw error
        }
    }

    /// Whether the retention rules changed since the last confirmed run (and subjects exist that they could act on).
    func rulesNeedConfirmation(on database: any Database) async throws -> Bool {
        let rules = ruleSource.current
        let confirmed = try await Setting.find(Self.confirmedRulesSetting, on: database)?.value
        guard confirmed != rules.retentionPlanner.fingerprint else { return false }
        return try await SubjectModel.query(on: database).count() > 0
    }

    private func runHoldingLease(
        _ lease: JobLease, actor: String, confirmingRuleChange: Bool, chunkSize: Int, flushes: SecureDeletion.Batch,
        on database: any Database, progress: (@Sendable (Int) -> Void)?
    ) async throws -> RetentionRunSummary {
        let rules = ruleSource.current
        // Unconfirmed rules are confirmed by a person only when they would do something now: with
        // nothing due there is nothing to review, and the run (which confirms them) goes ahead.
        if try await rulesNeedConfirmation(on: database), !confirmingRuleChange,
            try await !preview(asOf: nil, limit: 1, on: database).actions.isEmpty
        {
            throw DomainError.conflict(
                "confirm_rule_change",
                "no run has confirmed these retention rules yet (the first run, or the rules changed): "
                    + "review the dry run (sargs retention run --dry-run, or GET /v1/retention/preview) "
                    + "and confirm the change before anything is deleted"
            )
        }
        let now = serverClock.now
        let run = RetentionRunModel(actor: actor, at: now)
        let fingerprint = rules.retentionPlanner.fingerprint
        let runInsert = try ModelWrite(inserting: run)
        try await store.write(on: database) { database in
            // A run that was killed leaves its record 'running'; the lease says no one is running now.
            try await RetentionRunModel.query(on: database).filter(\.$status == .running).set(
                \.$status, to: .interrupted
            ).update()
            try await runInsert.run(on: database)
            // Rules are confirmed by a run over data: a run on an empty installation confirms
            // nothing, or an import after it would be deleted unreviewed.
            if try await SubjectModel.query(on: database).count() > 0 {
                try await Setting.put(Self.confirmedRulesSetting, fingerprint, on: database)
            }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .retentionRun, result: "started:\(runInsert.id.wire)")
                ]
            )
        }
        var summary = RetentionRunSummary(started: run.id!, by: actor, at: now)
        let actions = RetentionActions(
            planner: rules.retentionPlanner, vault: keys.vault(rules), owners: subjectData, actor: actor,
            reminders: ConsentRenewalReminders(keys: keys, ruleSource: ruleSource, actor: actor),
            datasets: DatasetErasureQueue.Recorder(
                datasets, external: externalSystems, origin: "retention", vault: keys.vault(rules), master: keys.master)
        )
        // The company databases' connections stay open for the whole run, not one per chunk.
        summary = try await ExternalDatabase.Session.during { [summary] session in
            try await carryOutChunks(
                summary, actions: actions, run: run, lease: lease, actor: actor, chunkSize: chunkSize, flushes: flushes,
                session: session, on: database, progress: progress)
        }
        // The owners of systems with no API get the run's people as one list each.
        try await erasureOrders.listForOwners(on: database)
        try await expireCookieChoices(at: now, actor: actor, on: database)
        let finished = serverClock.now
        summary.mark(.completed)
        summary.finishedAt = finished
        let done = summary
        let stored = String(decoding: try JSONEncoder().encode(done), as: UTF8.self)
        let runID = runInsert.id
        try await store.write(on: database) { database in
            try await RetentionRunModel.query(on: database).filter(\.$id == runID).set(\.$status, to: .completed)
                .set(\.$finishedAt, to: finished).set(\.$summary, to: stored).update()
            let total = done.actions.map(\.count).reduce(0, +)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: finished, actor: actor, action: .retentionRun,
                        result: "completed:\(done.id);actions=\(total);shredded=\(done.subjectsShredded)")
                ]
            )
        }
        return summary
    }

    /// The run's chunks, each in its own transaction, with the datasets' part of each carried out
    /// beside the next; returns the summary with what every chunk did.
    private func carryOutChunks(
        _ started: RetentionRunSummary, actions: RetentionActions, run: RetentionRunModel, lease: JobLease,
        actor: String, chunkSize: Int, flushes: SecureDeletion.Batch, session: ExternalDatabase.Session,
        on database: any Database, progress: (@Sendable (Int) -> Void)?
    ) async throws -> RetentionRunSummary {
        var summary = started
        // What a stopped run left for the datasets goes first.
        summary.add(datasets: try await datasetErasures.carryOut(actor: actor, in: session, on: database))
        // The datasets' part of a chunk runs while the next chunk is planned (the company's database
        // and Sargs' own work side by side), one carry-out at a time, each after its chunk committed.
        let runner = datasetErasures
        let orders = erasureOrders
        var inFlight: Task<[DatasetErasureQueue.Tally], any Error>?
        do {
            summary = try await carryOutLoop(
                summary, inFlight: &inFlight, runner: runner, orders: orders, actions: actions, run: run, lease: lease,
                actor: actor, chunkSize: chunkSize, flushes: flushes, session: session, on: database,
                progress: progress)
        } catch {
            // The company's part of the last chunk finishes (or fails) before the run's connections
            // close and its lease goes: nothing runs on after the run has ended.
            inFlight?.cancel()
            _ = try? await inFlight?.value
            throw error
        }
        return summary
    }

    private func carryOutLoop(
        _ started: RetentionRunSummary, inFlight: inout Task<[DatasetErasureQueue.Tally], any Error>?,
        runner: DatasetErasureQueue.Runner, orders: ErasureOrders, actions: RetentionActions, run: RetentionRunModel,
        lease: JobLease, actor: String, chunkSize: Int, flushes: SecureDeletion.Batch,
        session: ExternalDatabase.Session, on database: any Database, progress: (@Sendable (Int) -> Void)?
    ) async throws -> RetentionRunSummary {
        var summary = started
        let now = started.startedAt
        var after: UUID?
        while true {
            let chunk = try await RetentionQueries.liveSubjects(after: after, limit: chunkSize, on: database)
            guard let last = chunk.last else { break }
            after = last
            guard try await lease.renew(at: serverClock.now, on: database) else {
                throw DomainError.conflict(
                    "retention",
                    "the retention lease was lost to another process; this run stopped after the chunks it committed")
            }
            // The run's record carries what every committed chunk did, in the chunk's own
            // transaction: a run that is killed reports exactly what it carried out.
            let sofar = summary
            let runID = try run.requireID()
            summary = try await store.write(on: database, affecting: chunk, deleting: .securelyIn(flushes)) {
                database in
                let (result, drafts) = try await actions.apply(chunk, at: now, on: database)
                var next = sofar
                next.add(result)
                let stored = String(decoding: try JSONEncoder().encode(next), as: UTF8.self)
                try await RetentionRunModel.query(on: database).filter(\.$id == runID).set(\.$summary, to: stored)
                    .update()
                return (next, drafts)
            }
            // The chunk is committed: its categories go in the datasets too, outside Sargs' transaction.
            if let previous = inFlight { summary.add(datasets: try await previous.value) }
            inFlight = Task {
                let tallies = try await runner.carryOut(actor: actor, in: session, on: database)
                try await orders.resume(listing: false, on: database)
                return tallies
            }
            progress?(summary.subjectsChecked)
        }
        if let last = inFlight {
            inFlight = nil
            summary.add(datasets: try await last.value)
        }
        return summary
    }

    /// Deletes the banner choices older than the policy's `cookies.choice_retention` (default
    /// thirteen months), with one audit entry counting them; returns how many.
    @discardableResult
    func expireCookieChoices(at now: Date, actor: String, on database: any Database) async throws -> Int {
        let rules = ruleSource.current
        let period =
            rules.policy.cookies?.choiceRetention.flatMap { try? ISODuration(parsing: $0) }
            ?? CookiePolicy.defaultChoiceRetention
        let cutoffDay = LegalPeriod.lastDay(after: DecisionEngine.civilDate(now), duration: period)
        // The instant as far before now as the period reaches after it.
        let cutoff = now.addingTimeInterval(
            -Double(cutoffDay.dayNumber - DecisionEngine.civilDate(now).dayNumber) * 86_400)
        let expired = try await CookieConsentModel.query(on: database).filter(\.$recordedAt < cutoff).count()
        guard expired > 0 else { return 0 }
        try await store.write(on: database, deleting: .securely) { database in
            try await CookieConsentModel.query(on: database).filter(\.$recordedAt < cutoff).delete()
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .cookieChoicesExpire, result: "ok:deleted=\(expired)")
                ]
            )
        }
        return expired
    }

    /// The most recent runs, newest first.
    func runs(limit: Int, on database: any Database) async throws -> [RetentionRunSummary] {
        guard (1...500).contains(limit) else { throw DomainError.invalid("limit", "must be 1-500") }
        return try await RetentionRunModel.query(on: database).sort(\.$startedAt, .descending).limit(limit).all().map {
            try $0.summaryValue()
        }
    }

    /// When the last run that completed finished.
    func lastCompletedRun(on database: any Database) async throws -> Date? {
        try await RetentionRunModel.query(on: database).filter(\.$status == .completed).sort(\.$finishedAt, .descending)
            .first()?.finishedAt
    }
}
