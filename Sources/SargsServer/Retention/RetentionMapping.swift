import Fluent
import Foundation
import SargsCore
import SargsKit

extension RetentionRunSummary {
    /// The summary of a run that has just started.
    init(started id: UUID, by actor: String, at now: Date) {
        self.init(
            id: id.wire, actor: actor, status: RetentionRunModel.Status.running.rawValue, startedAt: now,
            finishedAt: nil, subjectsChecked: 0, actions: [], subjectsShredded: 0, anonymised: 0,
            suspendedForOpenRequests: 0, restored: 0, renewalReminders: 0)
    }

    /// Records the run's status as the API names it.
    mutating func mark(_ status: RetentionRunModel.Status) { self.status = status.rawValue }
}

extension RetentionRunModel {
    /// The stored run as its API form (per-subject details live in the audit trail).
    func summaryValue() throws -> RetentionRunSummary {
        if let summary {
            // The summary of a run that stopped holds what its committed chunks did; the status is the row's.
            var value = try JSONDecoder().decode(RetentionRunSummary.self, from: Data(summary.utf8))
            value.status = status.rawValue
            return value
        }
        return RetentionRunSummary(
            id: try requireID().wire, actor: actor, status: status.rawValue, startedAt: startedAt,
            finishedAt: finishedAt,
            subjectsChecked: 0, actions: [], subjectsShredded: 0, anonymised: 0, suspendedForOpenRequests: 0,
            restored: 0, renewalReminders: 0)
    }
}
