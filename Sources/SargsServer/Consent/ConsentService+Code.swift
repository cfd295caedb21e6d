import Fluent
import Foundation
import SargsCore
import SargsKit

/// Consent confirmed by a one-time code (Belarus Law 99-Z Art. 5; Coral Travel BY: written consent
/// "by a code sent by SMS or e-mail"): nothing enters the ledger until the subject enters the code.
extension ConsentService {
    /// Checks the consent as `record` would, then keeps it pending and e-mails the subject a code.
    func requestConfirmation(
        _ body: RecordConsent, subject subjectID: UUID, by principal: Principal,
        on database: any Database
    ) async throws -> PendingConsent {
        let rules = ruleSource.current
        let purpose = try consentPurpose(body.purpose, field: "purpose")
        guard principal.mayUse(purpose: purpose.id) else {
            throw DomainError.forbidden("this service key may not act for purpose '\(purpose.id)'")
        }
        guard body.state == .given else {
            throw DomainError.invalid(
                "state", "only giving consent is confirmed by a code; a withdrawal takes effect at once")
        }
        guard body.at == nil else {
            throw DomainError.invalid("at", "a consent confirmed by code takes effect when the code is entered")
        }
        let subject = try await SubjectQueries.find(subjectID, on: database)
        let subjectID = try subject.requireID()
        guard !subject.isErased, subject.wrappedKey != nil else {
            throw DomainError.notFound("subject \(subjectID.wire)")
        }
        _ = try event(body, for: subject, actor: principal.actor)  // every other check, as when recorded
        guard let address = try await keys.vault(rules).emailAddress(of: subject, on: database) else {
            throw DomainError.invalid("verification.channel", "the subject has no e-mail address to send the code to")
        }
        let now = serverClock.now
        let id = UUID()
        let master = keys.master
        let (challenge, code) = VerificationChallenge.issue(id: id, at: now, with: master)
        let pending = PendingConsentModel()
        pending.id = id
        pending.subjectID = subjectID
        pending.purpose = purpose.id
        pending.verificationChannel = "email"
        pending.sealed = try PendingConsentModel.seal(body, id: id, master: master)
        pending.codeHash = challenge.codeHash
        pending.expiresAt = challenge.expiresAt
        pending.failedAttempts = 0
        pending.createdAt = now
        let language = RequestMessages.language(requested: subject.language, policy: rules.policy)
        let message = try RequestMessages(policy: rules.policy, language: language).consentCode(
            purpose: purpose.id, code: code)
        let pendingInsert = try ModelWrite(inserting: pending)
        try await store.write(on: database) { database in
            try await pendingInsert.run(on: database)
            try await Outbox.email(
                to: address, message, topic: "consent.code", requestID: nil, master: master, at: now, on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .consentCodeSent, subjectID: subjectID,
                        purpose: purpose.id,
                        result: "ok:\(id.wire)")
                ]
            )
        }
        return PendingConsent(pending)
    }

    /// Checks the code; a right one records the consent, verified by the code, at this moment.
    func confirm(
        subject subjectID: UUID, pending pendingID: UUID, code: String, by principal: Principal,
        on database: any Database
    ) async throws -> ConsentEventModel {
        let subject = try await SubjectQueries.find(subjectID, on: database)
        let subjectID = try subject.requireID()
        guard let pending = try await PendingConsentModel.find(pendingID, on: database), pending.subjectID == subjectID
        else {
            throw DomainError.notFound("pending consent")
        }
        guard principal.mayUse(purpose: pending.purpose) else {
            throw DomainError.forbidden("this service key may not act for purpose '\(pending.purpose)'")
        }
        let now = serverClock.now
        let master = keys.master
        let outcome = try await ChallengeAttempts.check(pending, code: code, at: now, master: master, on: database)
        if let problem = outcome.problem(
            renewal: "ask for the consent again to get a new code", done: "this consent was already confirmed")
        {
            try await store.audit.record(
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .consentCodeConfirm, subjectID: subjectID,
                        purpose: pending.purpose, result: "denied:\(outcome.label)")
                ], on: database)
            throw problem
        }
        var body = try pending.command(master: master)
        body.evidence.verifiedBy = "code:\(pending.verificationChannel)"
        let (event, draft) = try self.event(body, for: subject, actor: principal.actor)
        let eventInsert = try ModelWrite(inserting: event)
        let (eventID, purpose) = (eventInsert.id, pending.purpose)
        try await store.write(on: database, affecting: [subjectID]) { database in
            // Used once, even when the right code arrives twice at the same moment.
            guard try await ChallengeAttempts.claim(PendingConsentModel.self, id: pendingID, at: now, on: database)
            else {
                throw DomainError.conflict("code", "this consent was already confirmed")
            }
            try await eventInsert.run(on: database)
            try await PendingConsentModel.query(on: database).filter(\.$id == pendingID).set(
                \.$consentEventID, to: eventID
            ).update()
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .consentCodeConfirm, subjectID: subjectID,
                        purpose: purpose, result: "ok"), draft,
                ]
            )
        }
        return event
    }
}
