import Fluent
import Foundation
import SargsCore

/// Sends the change notice of each material version to every subject with an e-mail address, in
/// the subject's language, through the outbox (Art. 13(3); the policy's `change_notice_days`).
/// A batch at a time, each in one transaction with its progress, so sending resumes after a
/// restart where it stopped; a lease keeps two processes from sending the same batch.
struct PolicyChangeNotices: Sendable {
    static let leaseName = "policy-change-notices"
    let context: SargsContext
    var batchSize = 200

    /// Queues one batch of the oldest version still sending. True when a batch was sent and
    /// notices remain to be sent; false when idle or another process holds the lease.
    @discardableResult
    func sendBatch(on database: any Database) async throws -> Bool {
        guard try await pending(on: database) else { return false }
        let lease = JobLease(name: Self.leaseName)
        guard try await lease.acquire(at: context.clock.now, on: database) else { return false }
        do {
            try await batch(on: database)
            try await lease.release(on: database)
            return try await pending(on: database)
        } catch {
            try? await lease.release(on: database)
            throw error
        }
    }

    /// Sends every remaining batch (the CLI after publishing, tests).
    func sendAll(on database: any Database) async throws {
        while try await sendBatch(on: database) {}
    }

    func pending(on database: any Database) async throws -> Bool {
        try await PolicyVersionModel.query(on: database).filter(\.$noticeState == .sending).count() > 0
    }

    private func batch(on database: any Database) async throws {
        guard let version = try await PolicyVersionModel.query(on: database).filter(\.$noticeState == .sending)
            .sort(\.$publishedAt).first() else { return }
        let versionID = try version.requireID()
        var query = SubjectModel.query(on: database).filter(\.$status == .active).sort(\.$id).limit(batchSize)
        if let cursor = version.noticeCursor { query = query.filter(\.$id > cursor) }
        let subjects = try await query.all()
        let policy = try PolicyVersionStore.policy(of: version)
        let link = "\(context.publicURL)/notice/versions/\(versionID.wire)"
        let vault = context.vault
        var messages: [(address: String, message: RequestMessage)] = []
        for subject in subjects {
            guard let address = try await vault.emailAddress(of: subject, on: database) else { continue }
            let language = RequestMessages.language(requested: subject.language, policy: policy)
            let message = try RequestMessages(policy: policy, language: language)
                .policyChange(version.changeList, renewed: version.renewedPurposes, effectiveOn: version.effectiveOn, link: "\(link)?lang=\(language)")
            messages.append((address, message))
        }
        let now = context.clock.now
        let finished = subjects.count < batchSize
        version.noticeCursor = subjects.last?.id ?? version.noticeCursor
        version.subjectsChecked += subjects.count
        version.noticesQueued += messages.count
        if finished {
            version.noticeState = .done
            version.noticesFinishedAt = now
        }
        let master = context.masterKey
        let outgoing = messages
        try await context.write(on: database) { database in
            try await version.save(on: database)
            for (address, message) in outgoing {
                _ = try await Outbox.email(to: address, message, topic: "policy.change", requestID: nil, master: master, at: now, on: database)
            }
            return ((), [AuditChain.Draft(time: now, actor: "system", action: .policyNotify,
                                          result: "ok:\(versionID.wire);queued=\(outgoing.count)\(finished ? ";done" : "")")])
        }
    }
}
