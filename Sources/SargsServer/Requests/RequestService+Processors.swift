import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Processors over OpenDSR (issue 25): Sargs sends the request, the processor reports back in
/// signed callbacks (or, when none arrives, Sargs asks), and the system is done when the
/// processor says `completed`. A report never moves a system back.
extension RequestService {
    /// The callback URL Sargs gives every processor.
    var processorCallbackURL: String { ErasureOrders.callbackURL(settings) }

    /// How long a waiting processor is left before Sargs asks for its status.
    static let processorPollInterval = ErasureOrders.pollInterval

    /// Sends the request to the processor under the id chosen at approval.
    func submit(
        _ work: SystemWork, to processor: ExternalSystems.Processor, externalID: String?, request: RequestModel
    ) async throws -> SystemStep {
        guard let externalID, let id = UUID(uuidString: externalID) else {
            throw OpenDSRError.protocolViolation("the request has no subject_request_id")
        }
        guard
            let submission = OpenDSRSubmission(
                type: request.type, subjectRequestID: id, submitted: request.createdAt, identities: work.identities,
                kinds: processor.endpoint.identities ?? ["email"], callbackURL: processorCallbackURL)
        else {
            // No identity the processor takes: it cannot hold anything Sargs could name.
            return .finished(SystemOutcome(collections: [], kept: nil, processor: "no identity to send"))
        }
        let report = try await client(for: processor).submit(submission)
        if report.progress == .completed {
            return .finished(Self.outcome(of: report))
        }
        // A 201 carries no status: a request the processor has just received is `pending` (§8.2).
        let progress = report.requestStatus == nil ? OpenDSRProgress.pending : report.progress
        return .waiting(due: report.expectedCompletion, progress: progress.wire, task: nil)
    }

    /// Erasures decided outside requests, sent to processors.
    var erasureOrders: ErasureOrders {
        .init(
            keys: keys, store: store, clock: serverClock, external: externalSystems, settings: settings,
            ruleSource: ruleSource)
    }

    func client(for processor: ExternalSystems.Processor) -> OpenDSRClient {
        OpenDSRClient(processor: processor, transport: externalSystems.transport, clock: serverClock)
    }

    static func outcome(of report: OpenDSRReport) -> SystemOutcome {
        SystemOutcome(collections: [], kept: nil, processor: report.progress.wire, results: report.resultsCount)
    }

    /// A callback from a processor (§8.5–8.8): its signature is checked over the raw body before
    /// anything is read, the callback URL must be ours, and the report moves the system forward.
    /// - Returns: whether the report changed anything (a duplicate changes nothing).
    @discardableResult
    func receiveCallback(
        domain: String?, signature: String?, body: Data, on database: any Database
    ) async throws -> Bool {
        guard let domain, let processor = externalSystems.processor(domain: domain) else {
            throw DomainError.unauthenticated("no processor of the policy signs as this domain")
        }
        do {
            try OpenDSRClient.verify(
                domain: domain, signature: signature, body: body, processor: processor, at: serverClock.now)
        } catch {
            throw DomainError.forbidden(error.description)
        }
        let report: OpenDSRReport
        do { report = try OpenDSRReport.parse(body) } catch { throw DomainError.invalid("body", error.description) }
        guard report.statusCallbackURL == nil || report.statusCallbackURL == processorCallbackURL else {
            throw DomainError.invalid("status_callback_url", "is not this server's callback URL")
        }
        let externalID = report.subjectRequestID.lowercased()
        let actor = "processor:\(processor.name)"
        if let row = try await RequestSystemModel.query(on: database).filter(\.$system == processor.name)
            .filter(\.$externalID == externalID).first()
        {
            return try await apply(report, to: row, actor: actor, on: database)
        }
        // An erasure retention or the CLI sent, outside any request.
        guard
            let order = try await ErasureOrderModel.query(on: database).filter(\.$system == processor.name)
                .filter(\.$externalID == externalID).first()
        else {
            throw DomainError.notFound("the request \(externalID)")
        }
        return try await erasureOrders.apply(report, to: order, actor: actor, on: database)
    }

    /// Asks every processor that has been quiet for `processorPollInterval` where its request stands.
    func pollProcessors(on database: any Database) async throws {
        let quiet = serverClock.now.addingTimeInterval(-Self.processorPollInterval)
        let rows = try await RequestSystemModel.query(on: database).filter(\.$status == .waiting)
            .filter(\.$externalID != nil).filter(\.$updatedAt < quiet).all()
        for row in rows {
            guard let processor = externalSystems.processor(row.system), let externalID = row.externalID else {
                continue
            }
            do {
                let report = try await client(for: processor).status(externalID)
                if try await !apply(report, to: row, actor: "system", on: database) {
                    // Nothing new: asked again after another interval.
                    try await RequestSystemModel.query(on: database).filter(\.$id == row.requireID())
                        .filter(\.$updatedAt == row.updatedAt).set(\.$updatedAt, to: serverClock.now).update()
                }
            } catch let error as OpenDSRError {
                try await RequestSystemModel.query(on: database).filter(\.$id == row.requireID())
                    .filter(\.$updatedAt == row.updatedAt).set(\.$updatedAt, to: serverClock.now)
                    .set(\.$failure, to: "status not read: \(error.description)").update()
            }
        }
    }

    /// Moves a waiting processor's system by its report: forward only (`OpenDSRProgress`), claimed
    /// on the progress it was read with, so a callback and a poll never both apply it.
    func apply(
        _ report: OpenDSRReport, to row: RequestSystemModel, actor: String, on database: any Database
    ) async throws -> Bool {
        let progress = report.progress
        guard row.status == .waiting, OpenDSRProgress(row.progress).advances(to: progress) else { return false }
        let id = try row.requireID()
        let now = serverClock.now
        let (system, requestID) = (row.system, row.requestID)
        let subjectID = try await RequestQueries.find(requestID, on: database).subjectID
        let outcome = String(decoding: try JSONEncoder().encode(Self.outcome(of: report)), as: UTF8.self)
        let readProgress = row.progress
        let applied = try await store.write(on: database) { database in
            guard
                try await ProgressClaim.claim(
                    RequestSystemModel.schema, id: id, readProgress: readProgress, to: progress, at: now, on: database)
            else { return (false, []) }
            let update = RequestSystemModel.query(on: database).filter(\.$id == id)
            let result: String
            switch progress {
            case .completed:
                try await update.set(\.$status, to: .done).set(\.$rows, to: report.resultsCount ?? 0)
                    .set(\.$outcome, to: outcome).set(\.$failure, to: nil).set(\.$work, to: Data()).update()
                result = AuditResult.ok(system, "rows=\(report.resultsCount ?? 0)")
            case .cancelled:
                try await update.set(\.$status, to: .failed)
                    .set(\.$failure, to: "the processor cancelled the request").update()
                result = "failed:\(system)"
            default:
                try await update.set(\.$dueAt, to: report.expectedCompletion ?? row.dueAt).set(\.$failure, to: nil)
                    .update()
                result = AuditResult.ok(system, progress.wire)
            }
            return (
                true,
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestSystem, subjectID: subjectID, result: result)
                ]
            )
        }
        if applied { try await completeIfEverySystemIsDone(requestID, on: database) }
        return applied
    }
}
