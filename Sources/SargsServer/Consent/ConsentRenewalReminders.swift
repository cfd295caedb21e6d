import Fluent
import Foundation
import SargsCore
import SargsKit

/// Asks subjects to renew a consent before it reaches its rule's maximum period, when the policy
/// sets `rules.consent_renewal_days`. Runs with each retention chunk, in its transaction: one
/// e-mail (through the outbox, in the subject's language) per consent given, remembered in
/// `consent_reminders` so that it is never sent twice; a renewed consent is a new one.
struct ConsentRenewalReminders: Sendable {
    let keys: ServerKeys
    let ruleSource: RuleSource
    let days: Int
    let actor: String

    /// The reminder service for the policy; nil when it asks for none.
    init?(keys: ServerKeys, ruleSource: RuleSource, actor: String) {
        let rules = ruleSource.current
        guard let days = rules.policy.rules.consentRenewalDays, days > 0 else { return nil }
        self.keys = keys
        self.ruleSource = ruleSource
        self.days = days
        self.actor = actor
    }

    /// Queues the reminders due for these subjects; returns how many were queued and their audit entries.
    func send(
        _ facts: [UUID: RetentionFacts], at now: Date, on database: any Database
    ) async throws -> (Int, [AuditChain.Draft]) {
        let rules = ruleSource.current
        var due: [UUID: [ConsentRenewalDue]] = [:]
        for (subject, subjectFacts) in facts {
            let renewals = rules.engine.renewalsDue(subjectFacts.consents, within: days, at: now)
            if !renewals.isEmpty { due[subject] = renewals }
        }
        guard !due.isEmpty else { return (0, []) }
        let sent = Set(
            try await ConsentReminderModel.query(on: database).filter(\.$subjectID ~~ Array(due.keys)).all().map(\.key))
        let subjects = try await SubjectModel.query(on: database).filter(\.$id ~~ Array(due.keys)).all()
        var reminders: [ConsentReminderModel] = []
        var drafts: [AuditChain.Draft] = []
        for subject in subjects {
            let id = try subject.requireID()
            let pending = (due[id] ?? []).filter {
                !sent.contains(ConsentReminderModel.key(id, $0.purpose, $0.givenAt))
            }
            guard !pending.isEmpty else { continue }
            // An address archived for other purposes (accounting, say) is not used to ask for consent.
            let emailItem = facts[id]?.items.first { $0.category == ContactValue.emailCategory }
            let address =
                emailItem == nil
                ? nil : try await keys.vault(rules).emailAddress(of: subject, on: database)
            let messages = try RequestMessages(
                policy: rules.policy,
                language: RequestMessages.language(requested: subject.language, policy: rules.policy))
            for renewal in pending {
                let usable = emailItem?.archivedFor.map { $0.contains(renewal.purpose) } ?? true
                let address = usable ? address : nil
                if let address {
                    let message = messages.consentRenewal(
                        purpose: renewal.purpose, expiresOn: DecisionEngine.civilDate(renewal.expiresAt))
                    _ = try await Outbox.email(
                        to: address, message, topic: "consent_renewal", requestID: nil, master: keys.master,
                        at: now, on: database)
                }
                reminders.append(
                    ConsentReminderModel(subject: id, purpose: renewal.purpose, givenAt: renewal.givenAt, at: now))
                drafts.append(
                    AuditChain.Draft(
                        time: now, actor: actor, action: .consentRenewalReminder, subjectID: id,
                        purpose: renewal.purpose,
                        result: address == nil ? "ok:no_address" : "ok:sent"))
            }
        }
        if !reminders.isEmpty { try await reminders.create(on: database) }
        return (drafts.count { $0.result == "ok:sent" }, drafts)
    }
}

/// That a subject was asked to renew the consent to a purpose given at a moment.
final class ConsentReminderModel: Model, @unchecked Sendable {
    static let schema = "consent_reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "purpose") var purpose: String
    @Field(key: "given_at") var givenAt: Date
    @Field(key: "sent_at") var sentAt: Date

    init() {}

    init(subject: UUID, purpose: String, givenAt: Date, at time: Date) {
        self.id = UUID()
        self.subjectID = subject
        self.purpose = purpose
        self.givenAt = givenAt
        self.sentAt = time
    }

    /// Which consent the reminder was for (whole seconds: the databases store times to different precisions).
    var key: String { Self.key(subjectID, purpose, givenAt) }

    static func key(_ subject: UUID, _ purpose: String, _ givenAt: Date) -> String {
        "\(subject.wire)|\(purpose)|\(Int(givenAt.timeIntervalSince1970.rounded(.down)))"
    }
}
