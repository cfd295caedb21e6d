import Fluent
import Foundation
import Logging
import SargsCore
import SargsKit
import Vapor

/// Retention in `sargs serve`: a run when the last completed run is older than the interval
/// (`SARGS_RETENTION_SCHEDULE`, daily by default). Any number of instances may run the schedule:
/// the lease lets one run at a time and the record of completed runs, shared in the database,
/// keeps them from running more often than the interval. After the retention rules changed it
/// waits, logging a warning, until someone confirms the change (`sargs retention run`, or
/// `POST /v1/retention/runs` with `confirm_rule_change`).
public actor RetentionSchedule {
    let interval: TimeInterval
    let service: RetentionService
    let logger: Logger
    private var nextCheck = Date.distantPast

    init(interval: TimeInterval, service: RetentionService, logger: Logger) {
        self.interval = interval
        self.service = service
        self.logger = logger
    }

    /// What one check did.
    public enum Outcome: Sendable, Equatable {
        /// Not time yet (the last run is recent, or the previous check was moments ago).
        case notDue
        /// The rules changed and the change is not confirmed: nothing was done.
        case awaitingConfirmation
        /// Another process holds the retention lease.
        case busy
        /// A run completed.
        case ran(RetentionRunSummary)
    }

    /// Runs retention if it is due; failures are logged (by type, never with data) and retried later.
    @discardableResult
    public func tick(on database: any Database) async -> Outcome {
        let now = service.serverClock.now
        guard now >= nextCheck else { return .notDue }
        do {
            if let last = try await service.lastCompletedRun(on: database), last.addingTimeInterval(interval) > now {
                nextCheck = last.addingTimeInterval(interval)
                return .notDue
            }
            if try await service.rulesNeedConfirmation(on: database) {
                logger.warning(
                    """
                    retention is waiting: no run has confirmed these retention rules yet \
                    (the first run, or the rules changed)
                    """,
                    metadata: [
                        "confirm": "review `sargs retention run --dry-run`, then run `sargs retention run --yes`"
                    ])
                nextCheck = now.addingTimeInterval(min(interval, 3_600))
                return .awaitingConfirmation
            }
            let summary = try await service.run(actor: "scheduler", confirmingRuleChange: false, on: database)
            logger.notice(
                "retention run completed",
                metadata: [
                    "run": "\(summary.id)", "subjects": "\(summary.subjectsChecked)",
                    "actions": "\(summary.actions.map(\.count).reduce(0, +))",
                    "shredded": "\(summary.subjectsShredded)",
                ])
            nextCheck = now.addingTimeInterval(interval)
            return .ran(summary)
        } catch DomainError.conflict(let field, _) where field == "retention" {
            nextCheck = now.addingTimeInterval(60)
            return .busy
        } catch {
            logger.error("retention run failed", metadata: ["type": "\(type(of: error))"])
            nextCheck = now.addingTimeInterval(300)
            return .notDue
        }
    }

    /// Checks every `every` until the task is cancelled.
    nonisolated func loop(
        database: @escaping @Sendable () -> any Database, every: Duration = .seconds(60)
    ) -> Task<Void, Never> {
        repeatedly(every: every) { await self.tick(on: database()) }
    }
}

extension Application {
    struct RetentionScheduleKey: StorageKey {
        typealias Value = RetentionSchedule
    }

    /// The retention schedule of this application; nil when `SARGS_RETENTION_SCHEDULE=off`.
    public var retentionSchedule: RetentionSchedule? {
        get { storage[RetentionScheduleKey.self] }
        set { storage[RetentionScheduleKey.self] = newValue }
    }
}
