import Fluent
import Foundation
import SargsCore
import SargsKit

/// The consent ledger: recording consent and its withdrawal with evidence, the overview of a
/// subject's consents, and receipts.
struct ConsentService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock

    /// Records a consent event with the policy version and notice hash in force.
    func record(
        _ body: RecordConsent, subject subjectID: UUID, by principal: Principal,
        on database: any Database
    ) async throws -> ConsentEventModel {
        let purpose = try consentPurpose(body.purpose, field: "purpose")
        guard principal.mayUse(purpose: purpose.id) else {
            throw DomainError.forbidden("this service key may not act for purpose '\(purpose.id)'")
        }
        let subject = try await SubjectQueries.find(subjectID, on: database)
        let subjectID = try subject.requireID()
        guard !subject.isErased, subject.wrappedKey != nil else {
            throw DomainError.notFound("subject \(subjectID.wire)")
        }
        let (event, draft) = try self.event(body, for: subject, actor: principal.actor)
        try await store.insert([RowInsertion([event])], recording: [draft], affecting: [subjectID], on: database)
        return event
    }

    /// A purpose of the policy that rests on consent.
    func consentPurpose(_ id: String, field: String) throws -> Purpose {
        let rules = ruleSource.current
        guard let purpose = rules.policy.purpose(id) else {
            throw DomainError.invalid(field, "purpose '\(id)' is not declared in the policy")
        }
        guard purpose.legalBasis == .consent else {
            throw DomainError.notOnConsent(purpose, field: field)
        }
        return purpose
    }

    /// Checks a consent event for `subject` and builds it with its audit entry (the caller inserts
    /// both): purpose, channel, state, method, time (never in the future, never before collection),
    /// evidence sealed under the subject's key. `prefix` leads every field name (`consents[0].`).
    func event(
        _ body: RecordConsent, for subject: SubjectModel, actor: String
    ) throws -> (ConsentEventModel, AuditChain.Draft) {
        let rules = ruleSource.current
        let prefix = body.field
        let purpose = try consentPurpose(body.purpose, field: prefix + "purpose")
        let channel = body.channel
        if let channel, !purpose.channels.contains(channel) {
            throw DomainError.channelNotOf(purpose, field: prefix + "channel")
        }
        let state = body.state
        guard !body.method.isEmpty, body.method.count <= 64 else {
            throw DomainError.invalid(prefix + "method", "must be 1-64 characters")
        }
        if WrittenConsent.methods.contains(body.method),
            (body.evidence.document ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        {
            throw DomainError.invalid(
                prefix + "evidence.document",
                "consent recorded as '\(body.method)' needs the signed document's or e-signature's reference")
        }
        if let givenBy = body.givenBy {
            guard !givenBy.name.trimmingCharacters(in: .whitespaces).isEmpty,
                !givenBy.evidence.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw DomainError.invalid(
                    prefix + "given_by", "name who gave the consent and the evidence of their authority (Art. 8(2))")
            }
            guard state == .given else {
                throw DomainError.invalid(prefix + "given_by", "only a consent given is given by someone else")
            }
        }
        let subjectID = try subject.requireID()
        let evidence = try keys.vault(rules).sealEvidence(
            ip: body.evidence.ip, userAgent: body.evidence.userAgent, document: body.evidence.document,
            givenBy: body.givenBy?.sealedForm, for: subject)
        let now = serverClock.now
        let time = try FactTime(body.at, field: prefix + "at", now: now, collectedAt: subject.createdAt)
        let event = ConsentEventModel(
            subject: subjectID, purpose: purpose.id, channel: channel, state: state, method: body.method,
            verifiedBy: body.evidence.verifiedBy, evidence: evidence, policyVersion: rules.policy.policy.version,
            noticeHash: rules.noticeHash, at: time.moment)
        event.givenByRelation = body.givenBy?.relation
        return (
            event,
            AuditChain.Draft(
                time: now, actor: actor, action: .consent(state), subjectID: subjectID,
                purpose: purpose.id, result: time.result(body.auditResult))
        )
    }

    /// Withdraws consent to each purpose (a withdrawal request, Art. 7(3)), in the caller's transaction.
    func withdraw(
        _ purposes: [String], subject: UUID, method: String, actor: String, origin: String, at now: Date,
        on database: any Database
    ) async throws -> [AuditChain.Draft] {
        let rules = ruleSource.current
        var drafts: [AuditChain.Draft] = []
        for purpose in purposes {
            try await ConsentEventModel(
                subject: subject, purpose: purpose, channel: nil, state: .withdrawn, method: method,
                policyVersion: rules.policy.policy.version, noticeHash: rules.noticeHash, at: now
            )
            .create(on: database)
            drafts.append(
                AuditChain.Draft(
                    time: now, actor: actor, action: .consentWithdrawn, subjectID: subject, purpose: purpose,
                    result: "ok:\(origin)"))
        }
        return drafts
    }

    /// The consent in force per purpose and channel, and the whole history the caller may see.
    func overview(
        subject subjectID: UUID, by principal: Principal, on database: any Database
    ) async throws -> ConsentOverview {
        let rules = ruleSource.current
        let subject = try await SubjectQueries.find(subjectID, on: database)
        let subjectID = try subject.requireID()
        let events = try await ConsentEventModel.query(on: database).filter(\.$subjectID == subjectID)
            .sort(\.$recordedAt).all().filter { principal.mayUse(purpose: $0.purpose) }
        let engine = rules.engine
        let current = ConsentLedger.current(events.map(\.event)).map {
            ConsentOverview.Current(
                $0, expiresAt: $0.state == .given ? engine.consentExpiry(purpose: $0.purpose, givenAt: $0.since) : nil)
        }
        try await store.audit.record(
            [
                AuditChain.Draft(
                    time: serverClock.now, actor: principal.actor, action: .consentRead,
                    subjectID: subjectID, result: "ok")
            ], on: database)
        return ConsentOverview(current: current, history: events.map(ConsentEventResponse.init))
    }

    /// The Kantara / ISO/IEC TS 27560 receipt of one ledger entry, in the subject's language.
    func receipt(
        subject subjectID: UUID, event eventID: UUID, by principal: Principal,
        on database: any Database
    ) async throws -> ConsentReceipt {
        let rules = ruleSource.current
        let subject = try await SubjectQueries.find(subjectID, on: database)
        let subjectID = try subject.requireID()
        guard let event = try await ConsentEventModel.find(eventID, on: database), event.subjectID == subjectID else {
            throw DomainError.notFound("consent event")
        }
        guard principal.mayUse(purpose: event.purpose) else {
            throw DomainError.forbidden("this service key may not read purpose '\(event.purpose)'")
        }
        let language =
            rules.policy.languages.contains(subject.language) ? subject.language : rules.policy.authoritativeLanguage
        return try ConsentReceipt(record: event.record, policy: rules.policy, language: language)
    }
}
