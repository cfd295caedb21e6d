import Fluent
import Foundation
import SargsCore
import SargsKit

/// Art. 14: a person whose data came from a third party or a public source is told, at the latest a
/// month after it was obtained (Art. 14(3)(a)). Subjects with an e-mail address on file are sent
/// the notice by the background jobs, a batch at a time, each in the audited write path; those
/// without one are listed in the console for staff to post it and record that they did.
struct IndirectCollectionNotices: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let settings: ServerSettings
    static let batchSize = 100

    /// Sends the notices due (e-mail on file) in one batch; returns how many were sent.
    @discardableResult
    func sendBatch(on database: any Database) async throws -> Int {
        let waiting = try await SubjectModel.query(on: database).filter(\.$noticeDueOn != nil).filter(
            \.$noticeSentAt == nil
        )
        .filter(\.$status == .active).sort(\.$noticeDueOn).limit(Self.batchSize).all()
        var sent = 0
        for subject in waiting {
            guard let address = try await keys.vault(ruleSource.current).emailAddress(of: subject, on: database) else {
                continue
            }
            try await send(subject, to: address, actor: "system", on: database)
            sent += 1
        }
        return sent
    }

    /// Records that staff posted the notice to a subject with no e-mail address.
    func recordPosted(_ subjectID: UUID, actor: String, on database: any Database) async throws {
        let subject = try await SubjectQueries.live(subjectID, on: database)
        guard subject.noticeDueOn != nil, subject.noticeSentAt == nil else {
            throw DomainError.conflict("notice", "no Art. 14 notice is waiting for this subject")
        }
        try await send(subject, to: nil, actor: actor, on: database)
    }

    private func send(
        _ subject: SubjectModel, to address: String?, actor: String, on database: any Database
    ) async throws {
        let rules = ruleSource.current
        let id = try subject.requireID()
        let now = serverClock.now
        let language = RequestMessages.language(requested: subject.language, policy: rules.policy)
        let message = try RequestMessages(policy: rules.policy, language: language)
            .indirectCollection(
                from: subject.obtainedFrom ?? "third_party", noticeLink: "\(settings.publicURL)/notice?lang=\(language)"
            )
        let master = keys.master
        try await store.write(on: database, affecting: [id]) { database in
            if let address {
                try await Outbox.email(
                    to: address, message, topic: "art14_notice", requestID: nil, master: master, at: now, on: database)
            }
            try await SubjectModel.query(on: database).filter(\.$id == id).set(\.$noticeSentAt, to: now).update()
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .subjectNoticeSent, subjectID: id,
                        result: address == nil ? "ok:posted" : "ok:email")
                ]
            )
        }
    }

    /// What the console lists: notices due (oldest first) and the latest sent.
    func overview(on database: any Database) async throws -> (due: [SubjectModel], sent: [SubjectModel]) {
        let due = try await SubjectModel.query(on: database).filter(\.$noticeDueOn != nil).filter(
            \.$noticeSentAt == nil
        )
        .filter(\.$status == .active).sort(\.$noticeDueOn).limit(200).all()
        let sent = try await SubjectModel.query(on: database).filter(\.$noticeSentAt != nil).sort(
            \.$noticeSentAt, .descending
        ).limit(50).all()
        return (due, sent)
    }
}
