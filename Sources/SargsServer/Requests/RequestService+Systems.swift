import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Requests across the company's own systems (issue 25): an access, portability or erasure request
/// reaches every dataset the policy names. Each system is a row of its own — pending, done (with
/// counts) or failed (with the reason) — carried out after the approval commits, retried alone,
/// and resumed after a crash; the request is completed, and its answer sent, only when every
/// system is done.
extension RequestService {
    /// The systems a request of `type` reaches: datasets, processors and manual systems.
    func systems(for type: RequestType) -> [SystemTarget] {
        SystemTarget.all(for: type, datasets: datasets, external: externalSystems)
    }

    /// In the approval's transaction, before the vault is touched: one pending row per system, with
    /// the subject's identities (read now: an erasure destroys them) and, for an erasure, the plan
    /// made from the same facts as the vault's (Art. 17(3)), sealed on the row.
    func prepareSystems(
        _ targets: [SystemTarget], type: RequestType, request requestID: UUID, subject: SubjectModel?,
        corrections: [String: String] = [:], at now: Date, on database: any Database
    ) async throws {
        var identities: [String: [String]] = [:]
        var plan: ErasurePlan?
        if let subject, !subject.isErased {
            let rules = ruleSource.current
            identities = try await keys.vault(rules).identities(of: subject, on: database)
            if type == .erasure {
                let subjectID = try subject.requireID()
                let relationships = try await RelationshipModel.query(on: database).filter(\.$subjectID == subjectID)
                    .all().map(\.value)
                let holds = try await LegalHoldModel.query(on: database).filter(\.$subjectID == subjectID)
                    .filter(\.$releasedAt == nil).all().map(\.hold)
                let categories = Set(
                    targets.flatMap { target -> [String] in
                        guard case .dataset(let entry) = target else { return [] }
                        return Array(DatasetErasurePlan.categories(of: entry.dataset))
                    })
                plan = rules.erasurePlanner.plan(
                    items: categories.sorted().map { .init(category: $0, collectedAt: subject.createdAt) },
                    relationships: relationships, holds: holds, lastTransaction: subject.lastTransactionAt, at: now)
            }
        }
        let master = keys.master
        for target in targets {
            let kind: SystemWork.Kind =
                switch type {
                case .erasure: .erase
                case .rectification: .rectify
                case .restriction: .restrict
                default: .find
                }
            var erasure: SystemWork.ErasureSpec?
            if case .dataset(let entry) = target, let plan {
                erasure = SystemWork.ErasureSpec(DatasetErasurePlan(entry.dataset, plan: plan))
            }
            let work = SystemWork(
                kind: kind, identities: identities, erasure: erasure,
                corrections: type == .rectification ? corrections : nil)
            let row = RequestSystemModel()
            row.id = UUID()
            row.requestID = requestID
            row.system = target.name
            if case .processor = target { row.externalID = UUID().uuidString.lowercased() }
            row.status = .pending
            row.attempts = 0
            row.work = try work.sealed(request: requestID, system: target.name, master: master)
            row.createdAt = now
            row.updatedAt = now
            try await row.create(on: database)
        }
    }

    /// Carries out the request's pending systems (and `retrying`, a failed one), each on its own,
    /// then completes the request when every system is done. A system that fails is recorded with
    /// its reason and never blocks the others.
    /// - Parameter staleBefore: when resuming, only rows untouched since then (another runner may
    ///   still be at work on a fresher one).
    /// - Returns: how many systems this runner carried out (others may hold the rest).
    @discardableResult
    func runSystems(
        _ requestID: UUID, retrying: String? = nil, staleBefore: Date? = nil, actor: String,
        on database: any Database
    ) async throws -> Int {
        var query = RequestSystemModel.query(on: database).filter(\.$requestID == requestID)
        if let retrying {
            query = query.filter(\.$system == retrying).filter(\.$status == .failed)
        } else {
            query = query.filter(\.$status == .pending)
        }
        if let staleBefore { query = query.filter(\.$updatedAt < staleBefore) }
        var carriedOut = 0
        for row in try await query.sort(\.$system).all() {
            if try await run(row, staleBefore: staleBefore, actor: actor, on: database) { carriedOut += 1 }
        }
        try await completeIfEverySystemIsDone(requestID, on: database)
        return carriedOut
    }

    /// How many systems of open requests have failed and wait for a retry.
    func failedSystemsCount(on database: any Database) async throws -> Int {
        try await RequestSystemModel.query(on: database).filter(\.$status == .failed)
            .join(RequestModel.self, on: \RequestSystemModel.$requestID == \RequestModel.$id)
            .filter(RequestModel.self, \.$status == .inProgress).count()
    }

    /// One system of an open request, for a staff action on it (`doing`: what the refusal says
    /// is not done once the request is closed).
    func openSystem(
        _ system: String, of request: RequestModel, doing: String, on database: any Database
    ) async throws -> RequestSystemModel {
        guard
            let row = try await RequestSystemModel.query(on: database).filter(\.$requestID == request.requireID())
                .filter(\.$system == system).first()
        else {
            throw DomainError.notFound("the system '\(system)' of this request")
        }
        guard request.status == .inProgress else {
            throw DomainError.conflict("request", "the request is no longer open; its systems are not \(doing)")
        }
        return row
    }

    /// Retries one failed system of `request` (staff, after the cause was fixed).
    func retry(system: String, of request: RequestModel, actor: String, on database: any Database) async throws {
        let requestID = try request.requireID()
        let row = try await openSystem(system, of: request, doing: "retried", on: database)
        guard row.status == .failed else {
            throw DomainError.conflict("system", "only a failed system is retried; '\(system)' is \(row.status)")
        }
        guard try await runSystems(requestID, retrying: system, actor: actor, on: database) > 0 else {
            throw DomainError.conflict(
                "system", "'\(system)' is being carried out right now by the background jobs; its result will show here"
            )
        }
    }

    /// Resumes the systems a stopped process left pending (rows untouched for `after` seconds).
    /// Each step stands alone: one request, order or group that fails does not hold back the others
    /// (the first failure is rethrown at the end, for the background jobs to log).
    func resumeSystems(after seconds: TimeInterval = 300, on database: any Database) async throws {
        let stale = serverClock.now.addingTimeInterval(-seconds)
        var first: (any Error)?
        func step(_ work: () async throws -> Void) async {
            do { try await work() } catch { first = first ?? error }
        }
        let requests = Set(
            try await RequestSystemModel.query(on: database).filter(\.$status == .pending)
                .filter(\.$updatedAt < stale).all().map(\.requestID))
        for requestID in requests.sorted(by: { $0.uuidString < $1.uuidString }) {
            await step { try await runSystems(requestID, staleBefore: stale, actor: "system", on: database) }
        }
        // Processors that could not be reached, tried again on their own once their backoff is over.
        let due = try await RequestSystemModel.query(on: database).filter(\.$status == .failed)
            .filter(\.$retryAt != nil).filter(\.$retryAt <= serverClock.now)
            .join(RequestModel.self, on: \RequestSystemModel.$requestID == \RequestModel.$id)
            .filter(RequestModel.self, \.$status == .inProgress).all()
        for row in due {
            await step { try await runSystems(row.requestID, retrying: row.system, actor: "system", on: database) }
        }
        await step { try await pollProcessors(on: database) }
        // Erasures retention or the CLI decided, sent to processors (and asked after); the datasets'
        // part a stopped run left, and lifted restrictions whose moment has come.
        await step { try await erasureOrders.resume(on: database) }
        await step {
            _ = try await DatasetErasureQueue.Runner(keys: keys, store: store, clock: serverClock, datasets: datasets)
                .carryOut(actor: "system", on: database)
        }
        // A process that stopped after the last system was done, before the answer went out.
        for waiting in try await PendingCompletionModel.query(on: database).filter(\.$createdAt < stale).all() {
            if let requestID = waiting.id {
                await step { try await completeIfEverySystemIsDone(requestID, on: database) }
            }
        }
        if let first { throw first }
    }

    /// How long a runner's claim on a system holds: longer than any one system takes (a processor
    /// is waited for 20 s at most); a runner that stopped leaves it to the next resume after that.
    static let systemClaimLease: TimeInterval = 600

    /// One system: claimed (so two runners never carry it out together), carried out, recorded.
    /// Returns false when another runner holds it (or moved it on) and nothing was done here.
    @discardableResult
    private func run(
        _ row: RequestSystemModel, staleBefore: Date?, actor: String, on database: any Database
    ) async throws -> Bool {
        let id = try row.requireID()
        let now = serverClock.now
        // The claim: only the runner that moves the attempt counter, while no other claim holds,
        // carries the system out; its claim holds for a lease, so a staff retry or a resume during
        // a long run leaves it alone.
        let claimed = try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: RequestSystemModel.schema) SET attempts = attempts + 1, updated_at = \(bind: now),
            claimed_until = \(bind: now.addingTimeInterval(Self.systemClaimLease))
            WHERE id = \(bind: id) AND attempts = \(bind: row.attempts) AND status = \(bind: row.status)
            AND updated_at < \(bind: staleBefore ?? now.addingTimeInterval(1))
            AND (claimed_until IS NULL OR claimed_until < \(bind: now)) RETURNING id
            """
        ).first()
        guard claimed != nil else { return false }
        let request = try await RequestQueries.find(row.requestID, on: database)
        // A processor that cancelled the request is asked anew under a new id (its old one is closed).
        let externalID =
            row.progress == OpenDSRProgress.cancelled.wire ? UUID().uuidString.lowercased() : row.externalID
        let result: Result<SystemStep, SystemFailure>
        do {
            let work = try SystemWork.open(row.work, request: row.requestID, system: row.system, master: keys.master)
            result = .success(
                try await carryOut(work, in: row.system, id: id, externalID: externalID, request: request, at: now))
        } catch {
            result = .failure(SystemFailure(error))
        }
        let finished = serverClock.now
        let (system, subjectID, requestID, attempts) = (row.system, request.subjectID, row.requestID, row.attempts + 1)
        let master = keys.master
        let claimedStatus = row.status
        try await store.write(on: database) { database in
            // Only while the system is still as this runner claimed it: a claim that lapsed meanwhile
            // may have let staff close it by hand, or another runner take it; then nothing is recorded.
            let held = try await JobLease.sql(database).raw(
                """
                UPDATE \(ident: RequestSystemModel.schema) SET claimed_until = NULL
                WHERE id = \(bind: id) AND attempts = \(bind: attempts) AND status = \(bind: claimedStatus)
                RETURNING id
                """
            ).first()
            guard held != nil else { return ((), []) }
            let update = RequestSystemModel.query(on: database).filter(\.$id == id).set(\.$updatedAt, to: finished)
                .set(\.$externalID, to: externalID)
            let audit: String
            switch result {
            case .success(.finished(let outcome)):
                let stored = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
                try await update.set(\.$status, to: .done).set(\.$rows, to: outcome.rowCount)
                    .set(\.$outcome, to: stored).set(\.$failure, to: nil).set(\.$work, to: Data())
                    .set(\.$retryAt, to: nil).update()
                audit = AuditResult.ok(system, outcome.auditCounts)
            case .success(.waiting(let due, let progress, let task)):
                try await update.set(\.$status, to: .waiting).set(\.$dueAt, to: due).set(\.$progress, to: progress)
                    .set(\.$failure, to: nil).set(\.$retryAt, to: nil).update()
                if let task {
                    _ = try await Outbox.email(
                        to: task.address, task.message, topic: "system-task", requestID: requestID, master: master,
                        at: finished, on: database)
                }
                audit = AuditResult.ok(system, "waiting")
            case .failure(let failure):
                let retry = failure.isTransient ? SystemRetry.delay(afterAttempt: attempts) : nil
                try await update.set(\.$status, to: .failed).set(\.$failure, to: failure.description)
                    .set(\.$retryAt, to: retry.map { finished.addingTimeInterval($0) }).update()
                audit = "failed:\(system)"
            }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: finished, actor: actor, action: .requestSystem, subjectID: subjectID, result: audit)
                ]
            )
        }
        return true
    }

    /// Why a restriction was not marked in a dataset that declares no marker column.
    static let unmarkedRestriction =
        "not marked: the dataset declares no restriction column; Sargs' decisions refuse every use of the "
        + "person's data while the restriction lasts (Art. 18(1)), and the rows found are counted here"

    /// Carries the system's part out: a dataset is searched (and erased or rectified) now; a
    /// processor is sent the request; a manual system's owner is sent the task.
    private func carryOut(
        _ work: SystemWork, in system: String, id: UUID, externalID: String?, request: RequestModel, at now: Date
    ) async throws -> SystemStep {
        switch SystemTarget.named(system, datasets: datasets, external: externalSystems) {
        case .dataset(let entry): return .finished(try await carryOut(work, in: entry))
        case .processor(let processor):
            return try await submit(work, to: processor, externalID: externalID, request: request)
        case .manual(let manual): return try handOver(manual, row: id, request: request, at: now)
        case nil: throw ExternalDatabase.Failure("the policy no longer names the system '\(system)'")
        }
    }

    /// Finds (and for an erasure, erases) the subject's rows in one dataset.
    private func carryOut(_ work: SystemWork, in entry: CompanyDatasets.Entry) async throws -> SystemOutcome {
        try await entry.withConnector { connector, database, sql in
            let found = try await connector.find(
                identities: work.identities, keysOnly: true, erasing: work.kind == .erase ? work.erasure : nil, sql: sql
            )
            if work.kind == .erase, let spec = work.erasure {
                return try await connector.erase(spec, found: found, database: database)
            }
            if work.kind == .rectify, let corrections = work.corrections {
                return try await connector.rectify(corrections, found: found, database: database)
            }
            if work.kind == .restrict {
                if let marker = entry.reference.restriction {
                    return try await connector.restrict(marker, found: found, database: database)
                }
                // Nothing to mark with: say so, and that Sargs' own answers refuse every use meanwhile.
                var outcome = SystemOutcome(
                    collections: found.rows.keys.sorted().map { .init(name: $0, rows: found.rows[$0]!.count) },
                    kept: nil)
                outcome.restriction = Self.unmarkedRestriction
                return outcome
            }
            return SystemOutcome(
                collections: found.rows.keys.sorted().map { .init(name: $0, rows: found.rows[$0]!.count) }, kept: nil)
        }
    }
}

extension SystemOutcome {
    var rowCount: Int { collections.reduce(0) { $0 + $1.rows } }

    /// The counts an audit entry keeps: the rows, then per collection what was done to how many
    /// (`rows=6;addresses.emptied=1,customers.emptied=1`); names and numbers only, never a value.
    var auditCounts: String {
        let parts = collections.sorted { $0.name < $1.name }.map { collection in
            collection.action.map { "\(collection.name).\($0)=\(collection.rows)" }
                ?? "\(collection.name)=\(collection.rows)"
        }
        return parts.isEmpty ? "rows=\(rowCount)" : "rows=\(rowCount);" + parts.joined(separator: ",")
    }
}
