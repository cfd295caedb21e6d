import Fluent
import Foundation
import SargsCore
import SargsKit

/// Carries out one approved request on a live subject, inside the approval's transaction: the
/// changes each right makes, what the answer says, and the audit entries of those changes.
struct RequestExecution {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let settings: ServerSettings
    let subjectData: [any SubjectDataOwner]
    let consents: ConsentService
    let request: RequestModel
    let requestID: UUID
    let subject: SubjectModel
    let actor: String
    let now: Date
    let database: any Database
    /// A direct transmission (Art. 20(2)) waits for the company systems, to carry their rows too.
    var transmitsAfterSystems = false

    var master: MasterKey { keys.master }

    /// Applies the request; fills in the outcome (no personal values) and the answer's details.
    func carryOut(
        _ type: RequestType, privateData: RequestPrivateData, corrections: [String: String],
        outcome: inout RequestOutcome, completion: inout CompletionDetails
    ) async throws -> [AuditChain.Draft] {
        let rules = ruleSource.current
        let subjectID = try subject.requireID()
        var drafts: [AuditChain.Draft] = []
        switch type {
        case .access, .portability:
            let expires = now.addingTimeInterval(settings.exportLinkLifetime)
            outcome.exportExpiresAt = expires
            completion.download = .init(
                link:
                    "\(settings.publicURL)/v1/exports/"
                    + "\(ExportLinks.token(request: requestID, expires: expires, master: master))",
                expires: expires)
            if type == .portability, let url = privateData.details?.transmitTo, !transmitsAfterSystems {
                let export = try await keys.vault(rules).export(
                    of: subject, owners: subjectData, on: database)
                let document = try ExportPackage(policy: rules.policy, language: request.language)
                    .document(export, scope: .portability, generatedAt: now)
                try await Outbox.transfer(
                    to: url, document: Data(document), requestID: requestID, master: master, at: now, on: database)
                outcome.transmitted = true
                drafts.append(
                    AuditChain.Draft(
                        time: now, actor: actor, action: .exportTransmit, subjectID: subjectID,
                        categories: Array(Set(export.items.map(\.category))).sorted(), result: "ok:queued"))
            }
        case .rectification:
            try await rectify(corrections)
            outcome.rectified = corrections.keys.sorted()
            drafts.append(
                AuditChain.Draft(
                    time: now, actor: actor, action: .subjectRectify, subjectID: subjectID,
                    categories: corrections.keys.sorted(), result: "ok"))
            completion.recipientsTold = try await RecipientNotifier.notify(
                event: type, request: requestID, subject: subject, categories: Set(corrections.keys),
                values: corrections,
                master: master, at: now, on: database)
        case .erasure:
            completion.recipientsTold = try await RecipientNotifier.notify(
                event: type, request: requestID, subject: subject, categories: nil,
                master: master, at: now, on: database)
            let (results, audit) = try await ErasureService.erase(
                [subjectID], planner: rules.erasurePlanner, owners: subjectData, actor: actor,
                at: now, on: database)
            drafts += audit
            if let erased = results.first {
                completion.erasure = erased.plan
                outcome.erased = erased.plan.erase
                outcome.kept = erased.plan.keep.map {
                    RequestOutcome.Kept(
                        category: $0.category, grounds: $0.grounds.map(\.kind.auditText), until: $0.until?.description)
                }
                outcome.shredded = erased.shredded
            }
        case .restriction:
            drafts.append(
                try await FactService.insertRestriction(
                    purpose: nil, subject: subjectID, actor: actor, origin: "request",
                    at: now, on: database
                ).1)
            completion.recipientsTold = try await RecipientNotifier.notify(
                event: type, request: requestID, subject: subject, categories: nil,
                master: master, at: now, on: database)
        case .objection:
            let details = privateData.details
            let (purposes, marketing) = try RequestService.objections(details, policy: rules.policy)
            var specs = (purposes.isEmpty && !marketing ? [nil] : purposes.map(Optional.some)).map {
                FactService.ObjectionSpec(purpose: $0, directMarketing: false)
            }
            if marketing { specs.append(FactService.ObjectionSpec(purpose: nil, directMarketing: true)) }
            drafts.append(
                try await FactService.insertObjections(
                    specs, subject: subjectID, actor: actor, origin: "request", at: now,
                    on: database
                ).1)
            outcome.purposes = purposes
            outcome.directMarketing = marketing
            completion.purposes = purposes
            completion.directMarketing = marketing
        case .withdrawConsent:
            let purposes = try RequestService.consentPurposes(privateData.details?.purposes, policy: rules.policy)
            drafts += try await consents.withdraw(
                purposes, subject: subjectID, method: "request", actor: actor,
                origin: "request", at: now, on: database)
            outcome.purposes = purposes
            completion.purposes = purposes
        case .recipients:
            let recipients = Set(
                try await DisclosureModel.query(on: database).filter(\.$subjectID == subjectID).all().map(\.recipient))
            outcome.recipients = recipients.sorted()
            completion.recipients = recipients.sorted()
        case .automatedDecisionReview:
            break
        case .information:
            // The purposes the person's data is used for now, each as the decision engine answers it.
            let state = try await store.facts(
                consentAge: rules.engine.consentAge, of: subject, on: database)
            let purposes = rules.policy.purposes.map(\.id).filter {
                (try? rules.engine.decide(state, purpose: $0, at: now).allowed) == true
            }
            outcome.purposes = purposes
            completion.purposes = purposes
            drafts.append(
                AuditChain.Draft(
                    time: now, actor: actor, action: .subjectRead, subjectID: subjectID, result: "ok:information"))
        }
        return drafts
    }

    /// Rectification: the new values replace the old ciphertexts (no old value is kept); indexes and
    /// the consent-age day follow them.
    func rectify(_ corrections: [String: String]) async throws {
        let vault = keys.vault(ruleSource.current)
        guard let key = try vault.dataKey(of: subject) else { return }
        let sealed = try vault.seal(corrections, for: subject, dataKey: key)
        try await vault.store(
            sealed, subject: try subject.requireID(), source: "rectification", purpose: "rectification", at: now,
            on: database)
        try await subject.save(on: database)
    }
}
