import Fluent
import Foundation
import SargsCore
import SargsKit
import Synchronization

/// Deletes what was kept only to get a job done, once the job is done (GDPR Art. 5(1)(c), (e)):
/// the personal details of closed requests (address, free text, corrections, representative,
/// the posted letter, staff notes) after `SARGS_REQUEST_DETAILS_DAYS` — the request's type, dates,
/// status, outcome and history stay as the non-personal record of what was done (Art. 5(2)) —
/// and one-time-code rows (request challenges, privacy-center and console sign-ins) two days after
/// they expired, once no rate limit counts them. Delivered messages keep no payload already.
///
/// The purge is a write like any other: one audited transaction (`records.purge`, with the counts),
/// deleting securely.
struct RecordPurge: Sendable {
    let store: WriteStore
    /// Days a closed request keeps its personal details.
    let requestDetailsDays: Int
    /// Days an expired code row is kept (the rate limits count one hour back).
    static let codeRowDays = 2
    /// The purge runs at most this often.
    static let interval: TimeInterval = 3600

    private let lastRun = LastRun()

    /// When the purge last ran in this process.
    final class LastRun: Sendable {
        let time = Mutex<Date?>(nil)
    }

    init(store: WriteStore, requestDetailsDays: Int) {
        self.store = store
        self.requestDetailsDays = requestDetailsDays
    }

    /// What one purge removed.
    struct Counts: Equatable, Sendable {
        var requestDetails = 0
        var codeRows = 0
    }

    /// Purges, unless the last purge was less than `interval` ago.
    func runIfDue(now: Date, on database: any Database) async throws -> Counts? {
        let due = lastRun.time.withLock { last -> Bool in
            guard last.map({ now.timeIntervalSince($0) >= Self.interval }) ?? true else { return false }
            last = now
            return true
        }
        return due ? try await run(now: now, on: database) : nil
    }

    func run(now: Date, on database: any Database) async throws -> Counts {
        let closedBefore = now.addingTimeInterval(-Double(requestDetailsDays) * 86_400)
        let expiredBefore = now.addingTimeInterval(-Double(Self.codeRowDays) * 86_400)
        return try await store.write(on: database, deleting: .securely) { database in
            var counts = Counts()
            let closed = try await RequestModel.query(on: database).filter(\.$closedAt < closedBefore).filter(
                \.$sealed != Data()
            )
            .field(\.$id).all().compactMap(\.id)
            for chunk in closed.chunked() {
                try await RequestStore.forgetDetails(of: chunk, on: database)
                counts.requestDetails += chunk.count
            }
            let challenges = try await VerificationChallengeModel.query(on: database).filter(
                \.$expiresAt < expiredBefore
            ).count()
            try await VerificationChallengeModel.query(on: database).filter(\.$expiresAt < expiredBefore).delete()
            let sessions = try await ConsentSessionModel.query(on: database).filter(\.$expiresAt < expiredBefore)
                .count()
            try await ConsentSessionModel.query(on: database).filter(\.$expiresAt < expiredBefore).delete()
            let signIns = try await StaffSignInModel.query(on: database).filter(\.$expiresAt < expiredBefore).count()
            try await StaffSignInModel.query(on: database).filter(\.$expiresAt < expiredBefore).delete()
            counts.codeRows = challenges + sessions + signIns
            guard counts != Counts() else { return (counts, []) }
            return (
                counts,
                [
                    AuditChain.Draft(
                        time: now, actor: "system", action: .recordsPurge,
                        result: "ok:request_details=\(counts.requestDetails);code_rows=\(counts.codeRows)")
                ]
            )
        }
    }
}
