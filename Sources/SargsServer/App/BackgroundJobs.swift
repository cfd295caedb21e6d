import Fluent
import Foundation
import Logging
import SargsCore
import SargsKit
import Vapor

/// The server's recurring work: following policy versions, queueing their change notices,
/// delivering the outbox and watching request and breach deadlines.
/// `sargs serve` runs it every few seconds; tests call `runOnce` directly.
public struct BackgroundJobs: Sendable {
    let worker: OutboxWorker
    let clock: ServerClock
    let logger: Logger
    /// For the count of breaches past the authority deadline.
    let breaches: BreachService
    /// Picks up policy versions published by other processes.
    let versions: PolicyVersionService
    /// Queues change notices of material versions, a batch per run.
    let changeNotices: PolicyChangeNotices
    /// The overdue counts last logged: a warning when they change, not at every run.
    let logged = CountWatch()
    /// Deletes closed requests' details and expired code rows, hourly.
    var purge: RecordPurge?
    /// Sends the Art. 14 notices due to subjects whose data came from elsewhere.
    var indirectNotices: IndirectCollectionNotices?
    /// Resumes company systems a stopped process left pending.
    var requests: RequestService?

    /// Delivers due messages, then counts overdue requests into the metric and the log.
    @discardableResult
    public func runOnce(on database: any Database) async throws -> Int {
        let delivered = try await worker.deliverDue(on: database)
        do {
            if let counts = try await purge?.runIfDue(now: clock.now, on: database), counts != RecordPurge.Counts() {
                logger.notice(
                    "purged",
                    metadata: ["request_details": "\(counts.requestDetails)", "code_rows": "\(counts.codeRows)"])
            }
        } catch {
            logger.error("the purge failed", metadata: ["type": "\(type(of: error))"])
        }
        // A failing policy job must not stop delivery or the deadline watch: each is logged on its own.
        do { try await versions.refresh(on: database) } catch {
            logger.error("policy versions could not be read", metadata: ["type": "\(type(of: error))"])
        }
        do { try await indirectNotices?.sendBatch(on: database) } catch {
            logger.error("Art. 14 notices could not be queued", metadata: ["type": "\(type(of: error))"])
        }
        do {
            try await requests?.resumeSystems(on: database)
            if let failed = try await requests?.failedSystemsCount(on: database) {
                ServerMetrics.failedSystems(failed)
                // Said when the number changes: a system that stays failed keeps its request open.
                if logged.changed("systems", to: failed), failed > 0 {
                    logger.warning(
                        "company systems failed their part of open requests; retry them once the cause is fixed",
                        metadata: ["count": "\(failed)"])
                }
            }
        } catch {
            logger.error("company systems could not be resumed", metadata: ["type": "\(type(of: error))"])
        }
        do { try await changeNotices.sendBatch(on: database) } catch {
            logger.error("change notices could not be queued", metadata: ["type": "\(type(of: error))"])
        }
        try await recordConfirmations(on: database)
        let overdue = try await RequestQueries.overdue(
            on: database, today: breaches.ruleSource.current.localDay(breaches.serverClock.now))
        ServerMetrics.overdueRequests(overdue.count)
        if logged.changed("requests", to: overdue.count), !overdue.isEmpty {
            logger.warning(
                "requests are overdue",
                metadata: [
                    "count": "\(overdue.count)",
                    "ids": "\(overdue.prefix(20).compactMap { $0.id?.wire })",
                ])
        }
        let overdueBreaches = try await breaches.overdueCount(on: database)
        ServerMetrics.overdueBreaches(overdueBreaches)
        if logged.changed("breaches", to: overdueBreaches), overdueBreaches > 0 {
            logger.warning(
                "breaches are past the authority deadline unnotified (GDPR Art. 33(1))",
                metadata: ["count": "\(overdueBreaches)"])
        }
        return delivered
    }

    /// A 2xx answer to a webhook is the recipient's confirmation of receipt (Art. 19).
    func recordConfirmations(on database: any Database) async throws {
        let open = try await RecipientNoticeModel.query(on: database).filter(\.$confirmedAt == nil).filter(
            \.$method == .webhook
        ).all()
        guard !open.isEmpty else { return }
        let delivered = try await OutboxMessageModel.query(on: database).filter(\.$id ~~ open.compactMap(\.outboxID))
            .filter(\.$deliveredAt != nil).all()
        let times = Dictionary(
            uniqueKeysWithValues: delivered.compactMap { message in message.id.map { ($0, message.deliveredAt!) } })
        for notice in open {
            guard let id = notice.outboxID, let at = times[id] else { continue }
            notice.confirmedAt = at
            notice.confirmedBy = "webhook"
            try await notice.save(on: database)
        }
    }

    /// Runs `runOnce` every `interval` until the task is cancelled.
    func loop(database: @escaping @Sendable () -> any Database, interval: Duration = .seconds(2)) -> Task<Void, Never> {
        repeatedly(every: interval) {
            do { try await runOnce(on: database()) } catch {
                logger.error("background jobs failed", metadata: ["type": "\(type(of: error))"])
            }
        }
    }
}

/// Runs `body`, then waits `interval`, until the task is cancelled.
func repeatedly(every interval: Duration, _ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
    Task {
        while !Task.isCancelled {
            await body()
            try? await Task.sleep(for: interval)
        }
    }
}

extension Application {
    struct BackgroundJobsKey: StorageKey {
        typealias Value = BackgroundJobs
    }

    /// The background jobs configured for this application.
    public var backgroundJobs: BackgroundJobs? {
        get { storage[BackgroundJobsKey.self] }
        set { storage[BackgroundJobsKey.self] = newValue }
    }
}
