import Foundation
import SargsCore
import SargsKit

extension ConsentRequest {
    /// The consent this body records; problems name fields under `prefix` (an import line's).
    func command(field prefix: String = "") throws -> RecordConsent {
        guard let state = ConsentEvent.State(rawValue: state) else {
            throw DomainError.invalid(prefix + "state", "must be 'given' or 'withdrawn'")
        }
        let givenBy = try givenBy.map { given in
            guard let relation = RecordConsent.GivenBy.Relation(rawValue: given.relation) else {
                throw DomainError.invalid(
                    prefix + "given_by.relation", "must be parent, guardian or legal_representative")
            }
            return RecordConsent.GivenBy(relation: relation, name: given.name, evidence: given.evidence)
        }
        if let verification, verification.channel != "email" {
            throw DomainError.invalid(
                prefix + "verification.channel",
                "must be 'email': codes are sent by e-mail (no SMS gateway is configured)")
        }
        return RecordConsent(
            purpose: purpose, channel: try ContactChannel.parsed(channel, field: prefix + "channel"), state: state,
            method: method,
            evidence: .init(
                ip: evidence?.ip, userAgent: evidence?.userAgent, verifiedBy: evidence?.verifiedBy,
                document: evidence?.document),
            givenBy: givenBy, at: at, confirmedByEmailCode: verification != nil, field: prefix)
    }

    /// The body that records `command` (kept sealed while a consent waits for its code).
    init(_ command: RecordConsent) {
        self.init(
            purpose: command.purpose, channel: command.channel?.rawValue, state: command.state.rawValue,
            method: command.method,
            evidence: .init(
                ip: command.evidence.ip, userAgent: command.evidence.userAgent,
                verifiedBy: command.evidence.verifiedBy, document: command.evidence.document),
            givenBy: command.givenBy.map {
                .init(relation: $0.relation.rawValue, name: $0.name, evidence: $0.evidence)
            },
            at: command.at, verification: command.confirmedByEmailCode ? .init(channel: "email") : nil)
    }
}

extension RecordConsent {
    /// The result an audit entry records: the channel (or all) and who gave it for the subject.
    var auditResult: String {
        "ok:\(channel?.rawValue ?? "all-channels")\(givenBy.map { ":by-\($0.relation.rawValue)" } ?? "")"
    }
}

extension ConsentEventModel {
    /// Who gave the consent for the subject, as stored.
    var givenByRelation: RecordConsent.GivenBy.Relation? {
        get { givenBy.flatMap(RecordConsent.GivenBy.Relation.init(rawValue:)) }
        set { givenBy = newValue?.rawValue }
    }
}

extension PendingConsentView {
    init(_ pending: PendingConsent) {
        self.init(
            id: pending.id.wire, purpose: pending.purpose, state: pending.confirmed ? "confirmed" : "pending",
            verificationChannel: pending.verificationChannel, expiresAt: pending.expiresAt,
            consentEventId: pending.consentEventID?.wire)
    }
}

extension PendingConsent {
    init(_ model: PendingConsentModel) {
        self.init(
            id: model.id ?? UUID(), purpose: model.purpose, confirmed: model.confirmedAt != nil,
            verificationChannel: model.verificationChannel, expiresAt: model.expiresAt,
            consentEventID: model.consentEventID)
    }
}

extension RelationshipRequest {
    func command(field prefix: String = "") -> AddRelationship {
        AddRelationship(kind: kind, start: start, end: end, field: prefix)
    }
}

extension ObjectionRequest {
    func command() -> AddObjection {
        AddObjection(purpose: purpose, directMarketing: directMarketing ?? false, at: at)
    }
}

extension LiftRequest {
    func command(subject: UUID, restriction: UUID) -> LiftRestriction {
        LiftRestriction(
            subjectID: subject, restrictionID: restriction, reason: reason, effectiveAt: effectiveAt,
            subjectInformed: subjectInformed ?? false)
    }
}

extension LiftResponse {
    init(_ lifted: LiftedRestriction) {
        self.init(id: lifted.id.wire, effectiveAt: lifted.effectiveAt, noticeSent: lifted.noticeSent)
    }
}

extension RecordConsent.GivenBy {
    /// The form the consent's sealed evidence keeps.
    var sealedForm: (relation: String, name: String, evidence: String) { (relation.rawValue, name, evidence) }
}

extension ConsentOverview.Current {
    init(_ entry: ConsentLedger.Entry, expiresAt: Date?) {
        self.init(
            purpose: entry.purpose, channel: entry.channel?.rawValue, state: entry.state.rawValue, since: entry.since,
            expiresAt: expiresAt)
    }
}
