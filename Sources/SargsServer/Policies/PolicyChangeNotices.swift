import Fluent
import SargsKit
import SQLKit
import Foundation
import SargsCore

/// Sends the change notice of each material version to every subject with an e-mail address, in
/// the subject's language, through the outbox (Art. 13(3); the policy's `change_notice_days`).
/// A batch at a time, each in one transaction with the subjects it told, so sending resumes after
/// a restart where it stopped and nobody is told twice; subjects added before the version takes
/// effect are told too; a lease keeps two processes from sending the same batch.
struct PolicyChangeNotices: Sendable {
    static let leaseName = "policy-change-notices"
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let settings: ServerSettings
    var batchSize = 200

    /// Queues one batch of the oldest version still sending. True when a batch was queued (more
    /// may remain); false when nobody is left to tell for now or another process holds the lease.
    @discardableResult
    func sendBatch(on database: any Database) async throws -> Bool {
        guard try await due(on: database) != nil else { return false }
        let lease = JobLease(name: Self.leaseName)
        guard try await lease.acquire(at: serverClock.now, on: database) else { return false }
        do {
            let queued = try await batch(on: database)
            try await lease.release(on: database)
            return queued
        } catch {
            try? await lease.release(on: database)
            throw error
        }
    }

    /// Sends every batch due now (tests, and a caller that wants the queue filled at once).
    func sendAll(on database: any Database) async throws {
        while try await sendBatch(on: database) {}
    }

    /// The oldest version still sending whose next check is due: subjects created before its
    /// effective moment are told too, so a version that found nobody left looks again a minute later,
    /// and finishes once it is in force and nobody is left.
    func due(on database: any Database) async throws -> PolicyVersionModel? {
        let now = serverClock.now
        return try await PolicyVersionModel.query(on: database).filter(\.$noticeState == .sending).sort(\.$publishedAt)
            .all().first { version in
                version.effectiveAt <= now
                    || version.noticesIdleAt.map { now.timeIntervalSince($0) >= Self.recheckInterval } ?? true
            }
    }

    static let recheckInterval: TimeInterval = 60

    /// Active subjects the version's notice has not yet been queued for, in id order.
    static func untold(version: UUID, limit: Int, on database: any Database) async throws -> [UUID] {
        try await JobLease.sql(database).raw(
            """
            SELECT s.id FROM \(ident: SubjectModel.schema) s
            WHERE s.status = \(bind: SubjectState.Status.active)
              AND NOT EXISTS (
                SELECT 1 FROM \(ident: PolicyNoticeModel.schema) n
                WHERE n.version_id = \(bind: version) AND n.subject_id = s.id)
            ORDER BY s.id LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// One batch in one transaction: the messages, the subjects marked as told, the progress.
    private func batch(on database: any Database) async throws -> Bool {
        guard let version = try await due(on: database) else { return false }
        let versionID = try version.requireID()
        let now = serverClock.now
        let ids = try await Self.untold(version: versionID, limit: batchSize, on: database)
        guard !ids.isEmpty else {
            if version.effectiveAt <= now {
                version.noticeState = .done
                version.noticesFinishedAt = now
            } else {
                version.noticesIdleAt = now
            }
            let finished = version.noticeState == .done
            let versionChange = try ModelWrite(changing: version)
            try await store.write(on: database) { database in
                try await versionChange.run(on: database)
                return (
                    (),
                    finished
                        ? [
                            AuditChain.Draft(
                                time: now, actor: "system", action: .policyNotify, result: "ok:\(versionID.wire);done")
                        ] : []
                )
            }
            return false
        }
        let subjects = try await SubjectModel.query(on: database).filter(\.$id ~~ ids).all()
        let policy = try PolicyVersionStore.policy(of: version)
        let link = "\(settings.publicURL)/notice/versions/\(versionID.wire)"
        let vault = keys.vault(ruleSource.current)
        var messages: [(address: String, message: RequestMessage)] = []
        for subject in subjects {
            // An address that cannot be read (a damaged key) is skipped, not retried forever.
            guard let address = try? await vault.emailAddress(of: subject, on: database) else { continue }
            let language = RequestMessages.language(requested: subject.language, policy: policy)
            let message = try RequestMessages(policy: policy, language: language)
                .policyChange(
                    version.changeList, renewed: version.renewedPurposes, effectiveOn: version.effectiveOn,
                    link: "\(link)?lang=\(language)")
            messages.append((address, message))
        }
        version.subjectsChecked += subjects.count
        version.noticesQueued += messages.count
        version.noticesIdleAt = nil
        let master = keys.master
        let outgoing = messages
        let told = subjects.compactMap(\.id)
        let versionChange = try ModelWrite(changing: version)
        try await store.write(on: database) { database in
            try await versionChange.run(on: database)
            for subject in told {
                try await PolicyNoticeModel(version: versionID, subject: subject, at: now).create(on: database)
            }
            for (address, message) in outgoing {
                _ = try await Outbox.email(
                    to: address, message, topic: "policy.change", requestID: nil, master: master, at: now, on: database)
            }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: "system", action: .policyNotify,
                        result: "ok:\(versionID.wire);queued=\(outgoing.count)")
                ]
            )
        }
        return true
    }
}
