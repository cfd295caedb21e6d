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
    /// The systems a request of `type` reaches.
    func systems(for type: RequestType) -> [CompanyDatasets.Entry] {
        switch type {
        case .access, .portability, .erasure, .rectification: return datasets.entries
        default: return []
        }
    }

    /// In the approval's transaction, before the vault is touched: one pending row per system, with
    /// the subject's identities (read now: an erasure destroys them) and, for an erasure, the plan
    /// made from the same facts as the vault's (Art. 17(3)), sealed on the row.
    func prepareSystems(
        _ entries: [CompanyDatasets.Entry], type: RequestType, request requestID: UUID, subject: SubjectModel?,
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
                let categories = Set(entries.flatMap { DatasetErasurePlan.categories(of: $0.dataset) })
                plan = rules.erasurePlanner.plan(
                    items: categories.sorted().map { .init(category: $0, collectedAt: subject.createdAt) },
                    relationships: relationships, holds: holds, lastTransaction: subject.lastTransactionAt, at: now)
            }
        }
        let master = keys.master
        for entry in entries {
            let kind: SystemWork.Kind = type == .erasure ? .erase : type == .rectification ? .rectify : .find
            let work = SystemWork(
                kind: kind, identities: identities,
                erasure: plan.map { SystemWork.ErasureSpec(DatasetErasurePlan(entry.dataset, plan: $0)) },
                corrections: type == .rectification ? corrections : nil)
            let row = RequestSystemModel()
            row.id = UUID()
            row.requestID = requestID
            row.system = entry.system
            row.status = .pending
            row.attempts = 0
            row.work = try work.sealed(request: requestID, system: entry.system, master: master)
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
    func runSystems(
        _ requestID: UUID, retrying: String? = nil, staleBefore: Date? = nil, actor: String,
        on database: any Database
    ) async throws {
        var query = RequestSystemModel.query(on: database).filter(\.$requestID == requestID)
        if let retrying {
            query = query.filter(\.$system == retrying).filter(\.$status == .failed)
        } else {
            query = query.filter(\.$status == .pending)
        }
        if let staleBefore { query = query.filter(\.$updatedAt < staleBefore) }
        for row in try await query.sort(\.$system).all() {
            try await run(row, staleBefore: staleBefore, actor: actor, on: database)
        }
        try await completeIfEverySystemIsDone(requestID, on: database)
    }

    /// How many systems of open requests have failed and wait for a retry.
    func failedSystemsCount(on database: any Database) async throws -> Int {
        try await RequestSystemModel.query(on: database).filter(\.$status == .failed)
            .join(RequestModel.self, on: \RequestSystemModel.$requestID == \RequestModel.$id)
            .filter(RequestModel.self, \.$status == .inProgress).count()
    }

    /// Retries one failed system of `request` (staff, after the cause was fixed).
    func retry(system: String, of request: RequestModel, actor: String, on database: any Database) async throws {
        let requestID = try request.requireID()
        guard
            let row = try await RequestSystemModel.query(on: database).filter(\.$requestID == requestID)
                .filter(\.$system == system).first()
        else {
            throw DomainError.notFound("the system '\(system)' of this request")
        }
        guard request.status == .inProgress else {
            throw DomainError.conflict("request", "the request is no longer open; its systems are not retried")
        }
        guard row.status == .failed else {
            throw DomainError.conflict("system", "only a failed system is retried; '\(system)' is \(row.status)")
        }
        try await runSystems(requestID, retrying: system, actor: actor, on: database)
    }

    /// Resumes the systems a stopped process left pending (rows untouched for `after` seconds).
    func resumeSystems(after seconds: TimeInterval = 300, on database: any Database) async throws {
        let stale = serverClock.now.addingTimeInterval(-seconds)
        let requests = Set(
            try await RequestSystemModel.query(on: database).filter(\.$status == .pending)
                .filter(\.$updatedAt < stale).all().map(\.requestID))
        for requestID in requests.sorted(by: { $0.uuidString < $1.uuidString }) {
            try await runSystems(requestID, staleBefore: stale, actor: "system", on: database)
        }
        // A process that stopped after the last system was done, before the answer went out.
        for waiting in try await PendingCompletionModel.query(on: database).filter(\.$createdAt < stale).all() {
            if let requestID = waiting.id { try await completeIfEverySystemIsDone(requestID, on: database) }
        }
    }

    /// One system: claimed (so two runners never carry it out together), carried out, recorded.
    private func run(
        _ row: RequestSystemModel, staleBefore: Date?, actor: String, on database: any Database
    ) async throws {
        let id = try row.requireID()
        let now = serverClock.now
        // The claim: only the runner that moves the attempt counter carries the system out.
        let claimed = try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: RequestSystemModel.schema) SET attempts = attempts + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND attempts = \(bind: row.attempts) AND status = \(bind: row.status)
            AND updated_at < \(bind: staleBefore ?? now.addingTimeInterval(1)) RETURNING id
            """
        ).first()
        guard claimed != nil else { return }
        let request = try await RequestQueries.find(row.requestID, on: database)
        let result: Result<SystemOutcome, SystemFailure>
        do {
            let work = try SystemWork.open(row.work, request: row.requestID, system: row.system, master: keys.master)
            result = .success(try await carryOut(work, in: row.system))
        } catch {
            result = .failure(SystemFailure(error))
        }
        let finished = serverClock.now
        let (system, subjectID) = (row.system, request.subjectID)
        try await store.write(on: database) { database in
            let update = RequestSystemModel.query(on: database).filter(\.$id == id).set(\.$updatedAt, to: finished)
            switch result {
            case .success(let outcome):
                let stored = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
                try await update.set(\.$status, to: .done).set(\.$rows, to: outcome.rowCount)
                    .set(\.$outcome, to: stored).set(\.$failure, to: nil).set(\.$work, to: Data()).update()
            case .failure(let failure):
                try await update.set(\.$status, to: .failed).set(\.$failure, to: failure.description).update()
            }
            let audit: String
            switch result {
            case .success(let outcome): audit = AuditResult.ok(system, "rows=\(outcome.rowCount)")
            case .failure: audit = "failed:\(system)"
            }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: finished, actor: actor, action: .requestSystem, subjectID: subjectID, result: audit)
                ]
            )
        }
    }

    /// Finds (and for an erasure, erases) the subject's rows in one system.
    private func carryOut(_ work: SystemWork, in system: String) async throws -> SystemOutcome {
        guard let entry = datasets.entry(system) else {
            throw ExternalDatabase.Failure("the policy no longer names the dataset '\(system)'")
        }
        guard let url = entry.url else {
            throw ExternalDatabase.Failure(
                "the connection variable \(entry.reference.connection) is not set in Sargs' environment")
        }
        let connector = SQLDatasetConnector(dataset: entry.dataset)
        return try await ExternalDatabase.with(url: url) { database, sql, _ in
            let found = try await connector.find(identities: work.identities, sql: sql)
            if work.kind == .erase, let spec = work.erasure {
                return try await connector.erase(spec, found: found, database: database)
            }
            if work.kind == .rectify, let corrections = work.corrections {
                return try await connector.rectify(corrections, found: found, database: database)
            }
            return SystemOutcome(
                collections: found.rows.keys.sorted().map { .init(name: $0, rows: found.rows[$0]!.count) }, kept: nil)
        }
    }

    /// The request is completed, and its answer sent, once every system is done.
    func completeIfEverySystemIsDone(_ requestID: UUID, on database: any Database) async throws {
        let systems = try await RequestSystemModel.query(on: database).filter(\.$requestID == requestID).all()
        guard !systems.isEmpty, systems.allSatisfy({ $0.status == .done }),
            let pending = try await PendingCompletionModel.find(requestID, on: database)
        else { return }
        let request = try await RequestQueries.find(requestID, on: database)
        guard request.status == .inProgress else { return }
        let master = keys.master
        let answer = try JSONDecoder().decode(
            PendingAnswer.self,
            from: try Vault.openService(pending.message, context: Self.completionContext(requestID), with: master))
        let read = RequestStore.ReadState(request)
        let now = serverClock.now
        request.status = try RequestLifecycle.apply(.complete, to: request.status)
        request.closedAt = now
        let email = try RequestStore.delivery(
            answer.message, topic: "completion", to: answer.address, request: request, master: master)
        let transfer = try await deferredTransfer(request, at: now, on: database)
        if transfer != nil {
            var outcome = request.outcomeValue ?? RequestOutcome()
            outcome.transmitted = true
            request.outcomeValue = outcome
        }
        let change = try ModelWrite(changing: request)
        let event = try ModelWrite(
            inserting: RequestStore.event(
                .complete, request: request, actor: "system", note: nil, master: master, at: now))
        let (type, subjectID) = (request.type, request.subjectID)
        try await store.write(on: database) { database in
            try await RequestStore.claim(requestID, as: read, on: database)
            try await change.run(on: database)
            try await event.run(on: database)
            try await PendingCompletionModel.query(on: database).filter(\.$id == requestID).delete()
            if let email {
                try await Outbox.email(
                    to: email.address, email.message, topic: email.topic, requestID: requestID, master: master,
                    at: now, on: database)
            }
            var drafts = [
                AuditChain.Draft(
                    time: now, actor: "system", action: .requestComplete, subjectID: subjectID,
                    result: AuditResult.ok(type))
            ]
            if let transfer {
                try await Outbox.transfer(
                    to: transfer.url, document: transfer.document, requestID: requestID, master: master, at: now,
                    on: database)
                drafts.append(
                    AuditChain.Draft(
                        time: now, actor: "system", action: .exportTransmit, subjectID: subjectID,
                        categories: transfer.categories, result: "ok:queued"))
            }
            return ((), drafts)
        }
        ServerMetrics.request(type: type, status: "completed")
    }

    /// The portability document a direct transmission (Art. 20(2)) carries once every system is done:
    /// the vault's portable values and the systems' portable rows, read now; nil when none is asked.
    func deferredTransfer(
        _ request: RequestModel, at now: Date, on database: any Database
    ) async throws -> (url: String, document: Data, categories: [String])? {
        guard request.type == .portability, request.outcomeValue?.transmitted != true,
            let url = try RequestStore.open(request, master: keys.master).details?.transmitTo,
            let subjectID = request.subjectID, let subject = try await SubjectModel.find(subjectID, on: database),
            !subject.isErased
        else { return nil }
        let rules = ruleSource.current
        let vault = keys.vault(rules)
        var export = try await vault.export(of: subject, owners: subjectData, on: database)
        let identities = try await vault.identities(of: subject, on: database)
        await SystemReads.add(to: &export, identities: identities, datasets: datasets)
        let document = try ExportPackage(policy: rules.policy, language: request.language)
            .document(export, scope: .portability, generatedAt: now)
        return (url, Data(document), Array(Set(export.items.map(\.category))).sorted())
    }

    /// The answer and the address it goes to, read at approval (an erasure destroys the address
    /// before the last system is done), kept sealed while systems are carried out.
    struct PendingAnswer: Codable {
        var message: RequestMessage
        var address: String?
    }

    /// The completion message kept sealed while systems are carried out.
    func pendingCompletion(
        _ message: RequestMessage, to address: String?, request requestID: UUID, at now: Date
    ) throws -> ModelWrite<PendingCompletionModel> {
        let row = PendingCompletionModel()
        row.id = requestID
        row.message = try Vault.sealService(
            try JSONEncoder().encode(PendingAnswer(message: message, address: address)),
            context: Self.completionContext(requestID), with: keys.master)
        row.createdAt = now
        return try ModelWrite(changing: row)
    }

    static func completionContext(_ requestID: UUID) -> String { "request-completion|\(requestID.wire)" }
}

extension SystemOutcome {
    var rowCount: Int { collections.reduce(0) { $0 + $1.rows } }
}
