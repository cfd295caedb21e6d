import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// The disclosure log, legal holds and recipients' webhook endpoints — what Art. 15(1)(c), 17(3)
/// and 19 are answered from.
struct RecordService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let settings: ServerSettings

    /// Records that data went to a recipient; the recipient, purpose and categories must match the policy.
    func recordDisclosure(
        _ body: RecordDisclosure, subject subjectID: UUID, by principal: Principal,
        on database: any Database
    ) async throws -> UUID {
        let rules = ruleSource.current
        guard let recipient = rules.policy.recipients.first(where: { $0.id == body.recipient }) else {
            throw DomainError.invalid("recipient", "recipient '\(body.recipient)' is not declared in the policy")
        }
        guard recipient.purposes.contains(body.purpose) else {
            throw DomainError.invalid(
                "purpose", "the policy does not disclose data to '\(recipient.id)' for purpose '\(body.purpose)'")
        }
        guard principal.mayUse(purpose: body.purpose) else {
            throw DomainError.forbidden("this service key may not act for purpose '\(body.purpose)'")
        }
        guard !body.categories.isEmpty else { throw DomainError.invalid("categories", "name the categories disclosed") }
        for (index, key) in body.categories.enumerated()
        where !recipient.categories.isEmpty
            && !recipient.categories.contains(where: { DataCategoryKey.covers($0, key) })
        {
            throw DomainError.invalid(
                "categories[\(index)]", "the policy does not disclose '\(key)' to '\(recipient.id)'")
        }
        let subject = try await SubjectQueries.live(subjectID, on: database)
        let subjectID = try subject.requireID()
        let now = serverClock.now
        let state = try await store.facts(consentAge: rules.engine.consentAge, of: subject, on: database)
        let ground = try disclosureGround(
            recipient, purpose: body.purpose, categories: body.categories, state: state, at: now)
        // Chapter V: a transfer outside the free-flow area must be lawful for this subject now; nothing is recorded
        // otherwise.
        let transfers = TransferCheck(policy: rules.policy)
        if transfers.isTransfer(recipient) {
            do {
                try transfers.check(recipient, subject: state, at: now)
            } catch {
                throw DomainError.invalid("recipient", error.description)
            }
            if recipient.transfer?.safeguard == .writtenConsent {
                try await requireWrittenConsent(recipient, subject: subjectID, on: database)
            }
        }
        let model = DisclosureModel(
            subject: subjectID, recipient: recipient.id, purpose: body.purpose, categories: body.categories, at: now)
        let modelInsert = try ModelWrite(inserting: model)
        try await store.write(on: database) { database in
            try await modelInsert.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .disclosureRecord, subjectID: subjectID,
                        purpose: body.purpose, categories: body.categories, result: "ok:\(recipient.id):\(ground)")
                ]
            )
        }
        return try model.requireID()
    }

    /// The ground a disclosure rests on, asked of the decision engine for this subject and purpose
    /// now: withdrawn or missing consent, an objection, a restriction (Art. 18) or archived data
    /// refuse it (422 naming the reason). A restriction lets one disclosure through: to a public
    /// authority under a legal obligation of the policy (Art. 18(2), important public interest),
    /// which is recorded as such.
    func disclosureGround(
        _ recipient: Recipient, purpose: String, categories: [String], state: SubjectState,
        at now: Date
    ) throws -> String {
        let rules = ruleSource.current
        let decision: Decision
        do { decision = try rules.engine.decide(state, purpose: purpose, at: now) } catch {
            throw DomainError.invalid("purpose", error.description)
        }
        if decision.allowed { return decision.reason.auditText }
        let restricted = decision.reason == .restricted || decision.reason == .restrictedLegalClaims
        if restricted, recipient.role == .authority, rules.policy.purpose(purpose)?.legalBasis == .legalObligation {
            return "legal_obligation_to_authority"
        }
        throw DomainError.disclosureRefused(purpose: purpose, decision.reason)
    }

    /// The article behind a refusal, for the problem's detail.
    static func article(of reason: Decision.Reason) -> String {
        switch reason {
        case .consentWithdrawn: return "GDPR Art. 7(3)"
        case .consentMissing, .consentExpired, .consentOutdated: return "GDPR Art. 6(1)(a), 7(1)"
        case .objection, .directMarketingObjection: return "GDPR Art. 21"
        case .restricted, .restrictedLegalClaims: return "GDPR Art. 18(2)"
        case .archived: return "GDPR Art. 5(1)(b), (e)"
        case .noActiveContract: return "GDPR Art. 6(1)(b)"
        case .erased: return "GDPR Art. 17"
        default: return "GDPR Art. 6(1)"
        }
    }

    /// A transfer whose safeguard is `written_consent` needs the subject's latest consent to its
    /// purpose recorded with a written method and its evidence (the signed document's or the
    /// e-signature's reference), not a ticked box.
    func requireWrittenConsent(_ recipient: Recipient, subject: UUID, on database: any Database) async throws {
        let purpose = recipient.transfer?.consentPurpose ?? ""
        let latest = try await ConsentEventModel.query(on: database).filter(\.$subjectID == subject).filter(
            \.$purpose == purpose
        )
        .sort(\.$recordedAt, .descending).first()
        guard let latest, latest.state == .given,
            WrittenConsent.isWritten(method: latest.method, hasEvidence: latest.evidence != nil)
        else {
            throw DomainError.invalid(
                "recipient",
                "the transfer to '\(recipient.id)' rests on written consent (purpose '\(purpose)'): "
                    + "record it with a written method (\(WrittenConsent.methods.sorted().joined(separator: ", ")))"
                    + " and the signed document's or e-signature's reference as evidence (GDPR Art. 49(1)(a))")
        }
    }

    func disclosures(subject subjectID: UUID, on database: any Database) async throws -> [DisclosureView] {
        let subjectID = try await SubjectQueries.live(subjectID, on: database).requireID()
        return try await DisclosureModel.query(on: database).filter(\.$subjectID == subjectID).sort(\.$disclosedAt)
            .all().map {
                DisclosureView(
                    id: ($0.id ?? UUID()).wire, recipient: $0.recipient, purpose: $0.purpose,
                    categories: $0.categoryKeys,
                    disclosedAt: $0.disclosedAt)
            }
    }

    /// A legal hold keeps data through erasure requests (Art. 17(3)).
    func addHold(
        _ body: AddHold, subject subjectID: UUID, by principal: Principal, on database: any Database
    ) async throws -> UUID {
        let rules = ruleSource.current
        guard !body.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DomainError.invalid("reason", "a hold needs its reason")
        }
        for (index, key) in (body.categories ?? []).enumerated()
        where rules.policy.category(key) == nil
            && !rules.policy.dataCategories.contains(where: {
                DataCategoryKey.covers(key, $0.key)
            })
        {
            throw DomainError.invalid("categories[\(index)]", "category '\(key)' is not declared in the policy")
        }
        let until = body.until
        let subjectID = try await SubjectQueries.live(subjectID, on: database).requireID()
        let id = UUID()
        let now = serverClock.now
        let model = LegalHoldModel()
        model.id = id
        model.subjectID = subjectID
        model.reason = try Vault.sealService(
            Data(body.reason.utf8), context: "hold|\(id.uuidString)", with: keys.master)
        model.categories = body.categories?.joined(separator: " ")
        model.untilOn = until
        model.createdAt = now
        let modelInsert = try ModelWrite(inserting: model)
        try await store.write(on: database) { database in
            try await modelInsert.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .holdAdd, subjectID: subjectID,
                        categories: body.categories ?? [], result: "ok")
                ]
            )
        }
        return id
    }

    func releaseHold(
        subject subjectID: UUID, hold holdID: UUID, by principal: Principal, on database: any Database
    ) async throws {
        let subjectID = try await SubjectQueries.live(subjectID, on: database).requireID()
        let id = holdID
        guard let hold = try await LegalHoldModel.find(id, on: database), hold.subjectID == subjectID else {
            throw DomainError.notFound("legal hold")
        }
        guard hold.releasedAt == nil else { throw DomainError.conflict("hold", "the hold was already released") }
        let now = serverClock.now
        try await store.write(on: database) { database in
            // Released in the transaction only if still open: two releases at once record one.
            let released = try await JobLease.sql(database).raw(
                """
                UPDATE \(ident: LegalHoldModel.schema) SET released_at = \(bind: now)
                WHERE id = \(bind: id) AND released_at IS NULL RETURNING id
                """
            ).first()
            guard released != nil else { throw DomainError.conflict("hold", "the hold was already released") }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .holdRelease, subjectID: subjectID, result: "ok")
                ]
            )
        }
    }

    /// Sets a recipient's Art. 19 webhook endpoint and returns a new signing secret, once.
    func setEndpoint(
        url: String, recipient recipientID: String, by principal: Principal,
        on database: any Database
    ) async throws -> RecipientEndpoint {
        let rules = ruleSource.current
        guard rules.policy.recipients.contains(where: { $0.id == recipientID }) else {
            throw DomainError.notFound("recipient '\(recipientID)' in the policy")
        }
        guard settings.isAcceptableEndpoint(url) else {
            throw DomainError.invalid("url", "must be an https URL (http only with SARGS_ALLOW_INSECURE_URLS=1)")
        }
        let secret = WebhookSignature.newSecret()
        let model = try await RecipientEndpointModel.find(recipientID, on: database) ?? RecipientEndpointModel()
        let now = serverClock.now
        model.id = recipientID
        model.url = url
        model.secret = try Vault.sealService(secret, context: "endpoint|\(recipientID)", with: keys.master)
        model.createdAt = now
        let modelChange = try ModelWrite(changing: model)
        try await store.write(on: database) { database in
            try await modelChange.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .recipientSetEndpoint, result: "ok:\(recipientID)")
                ]
            )
        }
        return RecipientEndpoint(recipient: recipientID, url: url, secret: secret)
    }
}
