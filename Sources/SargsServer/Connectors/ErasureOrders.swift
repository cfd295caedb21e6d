import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit
import Vapor

/// Erasures Sargs decides on its own (retention, the CLI's bulk erasure) carried to the processors
/// over OpenDSR (issue 25): one order per person whose data is gone from the vault and processor
/// that carries out erasures. Sent after the deciding transaction commits, tracked through signed
/// callbacks or polling, retried with backoff; a report never moves an order back.
struct ErasureOrders: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let clock: ServerClock
    let external: ExternalSystems
    let settings: ServerSettings
    /// The policy: the owners' messages are written in its authoritative language.
    let ruleSource: RuleSource

    /// The callback route's path, the one place it is spelled (`ProcessorCallbackRoutes` serves it).
    static let callbackPath: [PathComponent] = ["opendsr", "callback"]

    /// Where every processor calls back: `{SARGS_PUBLIC_URL}/opendsr/callback`.
    static func callbackURL(_ settings: ServerSettings) -> String {
        "\(settings.publicURL)/" + callbackPath.map(\.description).joined(separator: "/")
    }

    /// How long a waiting processor is left before Sargs asks for its status (requests and orders).
    static let pollInterval: TimeInterval = 15 * 60

    /// The processors an erasure outside a request reaches.
    static func processors(_ external: ExternalSystems) -> [ExternalSystems.Processor] {
        external.processors.filter { $0.system.handledRequests.contains(.erasure) }
    }

    /// The systems with no API an erasure outside a request reaches: their owners get a list
    /// (`ErasureOrders+Lists`).
    static func manualSystems(_ external: ExternalSystems) -> [CompanySystem] {
        external.manual.filter { $0.handledRequests.contains(.erasure) }
    }

    /// Every system an erasure outside a request gets an order for: processors and manual systems.
    static func orderedSystems(_ external: ExternalSystems) -> [String] {
        processors(external).map(\.name) + manualSystems(external).map(\.id)
    }

    /// In the deciding transaction: an order per person and processor, with the person's identities
    /// sealed (read before the vault's values go). Returns how many orders were recorded.
    static func record(
        _ identities: [UUID: [String: [String]]], processors: [String], origin: String, master: MasterKey,
        at now: Date, on database: any Database
    ) async throws -> Int {
        var recorded = 0
        for (_, known) in identities where !known.isEmpty {
            for processor in processors {
                let order = ErasureOrderModel()
                let id = UUID()
                order.id = id
                order.system = processor
                order.origin = origin
                order.externalID = UUID().uuidString.lowercased()
                order.status = .pending
                order.attempts = 0
                order.identities = try Vault.sealService(
                    try JSONEncoder().encode(known), context: ErasureOrderModel.context(id), with: master)
                order.createdAt = now
                order.updatedAt = now
                try await order.create(on: database)
                recorded += 1
            }
        }
        return recorded
    }

    /// Sends the orders not yet sent and those whose backoff is over, and asks the processors quiet
    /// for the poll interval; returns how many orders were sent.
    @discardableResult
    /// - Parameter listing: whether manual systems' owners get their lists now; a job of many
    ///   chunks (a retention run, a bulk erasure) lists once, when it ends (`listForOwners`), so an
    ///   owner gets one message per job rather than one per chunk.
    func resume(
        pollAfter quiet: TimeInterval = Self.pollInterval, listing: Bool = true, on database: any Database
    ) async throws -> Int {
        let now = clock.now
        let pending = try await ErasureOrderModel.query(on: database).group(.or) { group in
            group.group(.and) { due in
                due.filter(\.$status == .pending).group(.or) { at in
                    at.filter(\.$retryAt == nil).filter(\.$retryAt <= now)
                }
            }
            group.group(.and) { due in due.filter(\.$status == .failed).filter(\.$retryAt <= now) }
        }.sort(\.$createdAt).all()
        // A processor that could not be reached is not tried again for its other orders in this
        // pass: thousands of orders to a host that times out would hold the background jobs.
        var unreachable: Set<String> = []
        for order in pending where !unreachable.contains(order.system) && external.manualSystem(order.system) == nil {
            if try await !send(order, on: database) { unreachable.insert(order.system) }
        }
        if listing { try await listForOwners(on: database) }
        let waiting = try await ErasureOrderModel.query(on: database).filter(\.$status == .waiting)
            .filter(\.$updatedAt < now.addingTimeInterval(-quiet)).all()
        for order in waiting {
            guard let processor = external.processor(order.system) else { continue }
            do {
                let report = try await client(processor).status(order.externalID)
                if try await !apply(report, to: order, actor: "system", on: database) {
                    try await ErasureOrderModel.query(on: database).filter(\.$id == order.requireID())
                        .filter(\.$updatedAt == order.updatedAt).set(\.$updatedAt, to: clock.now).update()
                }
            } catch let error as OpenDSRError {
                try await ErasureOrderModel.query(on: database).filter(\.$id == order.requireID())
                    .filter(\.$updatedAt == order.updatedAt).set(\.$updatedAt, to: clock.now)
                    .set(\.$failure, to: "status not read: \(error.description)").update()
            }
        }
        return pending.count
    }

    /// How many orders wait on each system, how many of those are past their due date, and how many failed.
    func counts(on database: any Database) async throws -> [String: (waiting: Int, late: Int, failed: Int)] {
        var counts: [String: (waiting: Int, late: Int, failed: Int)] = [:]
        let now = clock.now
        for order in try await ErasureOrderModel.query(on: database).filter(\.$status ~~ [.waiting, .failed, .pending])
            .all()
        {
            if order.status == .failed {
                counts[order.system, default: (0, 0, 0)].failed += 1
            } else {
                counts[order.system, default: (0, 0, 0)].waiting += 1
                if order.status == .waiting, let due = order.dueAt, due < now {
                    counts[order.system, default: (0, 0, 0)].late += 1
                }
            }
        }
        return counts
    }

    /// One order: claimed on its attempt counter, sent, recorded. Returns false when the processor
    /// could not be reached (worth skipping its other orders for now).
    private func send(_ order: ErasureOrderModel, on database: any Database) async throws -> Bool {
        let id = try order.requireID()
        let now = clock.now
        let claimed = try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: ErasureOrderModel.schema) SET attempts = attempts + 1, updated_at = \(bind: now),
            retry_at = \(bind: now.addingTimeInterval(DatasetErasureQueue.Runner.lease))
            WHERE id = \(bind: id) AND attempts = \(bind: order.attempts) AND status = \(bind: order.status)
            RETURNING id
            """
        ).first()
        guard claimed != nil else { return true }
        let outcome: Result<OpenDSRReport?, SystemFailure>
        do {
            guard let processor = external.processor(order.system) else {
                throw OpenDSRError.unknownProcessor("the policy no longer names the processor '\(order.system)'")
            }
            let identities = try JSONDecoder().decode(
                [String: [String]].self,
                from: try Vault.openService(order.identities, context: ErasureOrderModel.context(id), with: keys.master)
            )
            if let submission = OpenDSRSubmission(
                type: .erasure, subjectRequestID: try Self.requestID(order),
                submitted: order.createdAt, identities: identities,
                kinds: processor.endpoint.identities ?? ["email"], callbackURL: Self.callbackURL(settings))
            {
                outcome = .success(try await client(processor).submit(submission))
            } else {
                outcome = .success(nil)
            }
        } catch {
            outcome = .failure(SystemFailure(error))
        }
        let finished = clock.now
        let (system, attempts) = (order.system, order.attempts + 1)
        try await store.write(on: database) { database in
            let update = ErasureOrderModel.query(on: database).filter(\.$id == id).set(\.$updatedAt, to: finished)
            let result: String
            switch outcome {
            case .success(let report?) where report.progress != .completed:
                let progress = report.requestStatus == nil ? OpenDSRProgress.pending : report.progress
                try await update.set(\.$status, to: .waiting).set(\.$progress, to: progress.wire)
                    .set(\.$dueAt, to: report.expectedCompletion).set(\.$failure, to: nil).set(\.$retryAt, to: nil)
                    .update()
                result = AuditResult.ok(system, "waiting")
            case .success:
                // Completed at once, or no identity the processor takes: nothing more to ask.
                try await update.set(\.$status, to: .done).set(\.$identities, to: Data()).set(\.$failure, to: nil)
                    .set(\.$retryAt, to: nil).update()
                result = AuditResult.ok(system, "completed")
            case .failure(let failure):
                let retry = failure.isTransient ? SystemRetry.delay(afterAttempt: attempts) : nil
                try await update.set(\.$status, to: .failed).set(\.$failure, to: failure.description)
                    .set(\.$retryAt, to: retry.map { finished.addingTimeInterval($0) }).update()
                result = "failed:\(system)"
            }
            return ((), [AuditChain.Draft(time: finished, actor: "system", action: .systemErase, result: result)])
        }
        if case .failure(let failure) = outcome, failure.isTransient { return false }
        return true
    }

    /// Moves a waiting order by the processor's report: forward only, claimed on the progress it
    /// was read with. Returns whether it changed anything.
    func apply(
        _ report: OpenDSRReport, to order: ErasureOrderModel, actor: String, on database: any Database
    ) async throws -> Bool {
        let progress = report.progress
        guard order.status == .waiting, OpenDSRProgress(order.progress).advances(to: progress) else { return false }
        let id = try order.requireID()
        let now = clock.now
        let system = order.system
        let readProgress = order.progress
        return try await store.write(on: database) { database in
            guard
                try await ProgressClaim.claim(
                    ErasureOrderModel.schema, id: id, readProgress: readProgress, to: progress, at: now, on: database)
            else { return (false, []) }
            let update = ErasureOrderModel.query(on: database).filter(\.$id == id)
            let result: String
            switch progress {
            case .completed:
                try await update.set(\.$status, to: .done).set(\.$identities, to: Data()).update()
                result = AuditResult.ok(system, "completed")
            case .cancelled:
                try await update.set(\.$status, to: .failed).set(\.$failure, to: "the processor cancelled the request")
                    .update()
                result = "failed:\(system)"
            default:
                try await update.set(\.$dueAt, to: report.expectedCompletion ?? order.dueAt).update()
                result = AuditResult.ok(system, progress.wire)
            }
            return (true, [AuditChain.Draft(time: now, actor: actor, action: .systemErase, result: result)])
        }
    }

    /// The order's `subject_request_id`, as written at its recording (never a new one on a retry).
    private static func requestID(_ order: ErasureOrderModel) throws -> UUID {
        guard let id = UUID(uuidString: order.externalID) else {
            throw OpenDSRError.protocolViolation("the order's subject_request_id is not a UUID")
        }
        return id
    }

    private func client(_ processor: ExternalSystems.Processor) -> OpenDSRClient {
        OpenDSRClient(processor: processor, transport: external.transport, clock: clock)
    }
}
