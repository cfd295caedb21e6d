import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

extension RequestService {
    /// Closes a failed or waiting system of an open request by hand (a DPO or admin), with the
    /// reason and, for work done outside Sargs, how many records it concerned; the request
    /// completes when this was its last system. The system's sealed identities are forgotten.
    /// Refused while a runner is at work on the system.
    func resolve(
        system: String, of request: RequestModel, as resolution: SystemResolution, records: Int?, actor: String,
        on database: any Database
    ) async throws {
        let requestID = try request.requireID()
        let row = try await openSystem(system, of: request, doing: "closed by hand", on: database)
        guard row.status == .failed || row.status == .waiting else {
            throw DomainError.conflict(
                "system", "only a failed or waiting system is closed by hand; '\(system)' is \(row.status)")
        }
        if let records, !(0...1_000_000).contains(records) {
            throw DomainError.invalid("records", "must be a number of records from 0 to 1000000")
        }
        if resolution == .notApplicable, let records, records > 0 {
            throw DomainError.invalid("records", "a system that holds nothing of the person has no records")
        }
        let id = try row.requireID()
        let now = serverClock.now
        let counted = resolution == .notApplicable ? 0 : records
        var outcome = SystemOutcome(collections: [], kept: nil)
        outcome.resolution = resolution
        outcome.resolvedBy = actor
        let stored = String(decoding: try JSONEncoder().encode(outcome), as: UTF8.self)
        let subjectID = request.subjectID
        let status = row.status
        let closed = try await store.write(on: database) { database in
            // Only as it was read, and while no runner holds it: a callback, poll or retry that
            // moved it on in between wins, and staff are told.
            let changed = try await JobLease.sql(database).raw(
                """
                UPDATE \(ident: RequestSystemModel.schema)
                SET status = \(bind: RequestSystemModel.Status.done), rows = \(bind: counted),
                outcome = \(bind: stored), failure = NULL, work = \(bind: Data()), retry_at = NULL, due_at = NULL,
                claimed_until = NULL, updated_at = \(bind: now)
                WHERE id = \(bind: id) AND status = \(bind: status)
                AND (claimed_until IS NULL OR claimed_until < \(bind: now)) RETURNING id
                """
            ).first()
            guard changed != nil else { return (false, []) }
            let counts = counted.map { ";rows=\($0)" } ?? ""
            return (
                true,
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestSystem, subjectID: subjectID,
                        result: AuditResult.ok(system, "resolved=\(resolution.auditText)\(counts)"))
                ]
            )
        }
        guard closed else {
            throw DomainError.conflict(
                "system", "'\(system)' changed or is being carried out right now; look at it again before closing it")
        }
        try await completeIfEverySystemIsDone(requestID, on: database)
    }
}
