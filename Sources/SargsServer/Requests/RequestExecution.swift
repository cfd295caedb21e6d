import Fluent
import Foundation
import SargsCore

/// Carries out one approved request on a live subject, inside the approval's transaction: the
/// changes each right makes, what the answer says, and the audit entries of those changes.
struct RequestExecution {
    let context: SargsContext
    let request: RequestModel
    let requestID: UUID
    let subject: SubjectModel
    let actor: String
    let now: Date
    let database: any Database

    var master: MasterKey { context.masterKey }

    /// Applies the request; fills in the outcome (no personal values) and the answer's details.
    func carryOut(_ type: RequestType, privateData: RequestPrivateData, corrections: [String: String],
                  outcome: inout RequestOutcome, completion: inout CompletionDetails) async throws -> [AuditChain.Draft] {
        let subjectID = try subject.requireID()
        var drafts: [AuditChain.Draft] = []
        switch type {
        case .access, .portability:
            let expires = now.addingTimeInterval(context.exportLinkLifetime)
            outcome.exportExpiresAt = expires
            completion.download = .init(link: "\(context.publicURL)/v1/exports/\(ExportLinks.token(request: requestID, expires: expires, master: master))",
                                        expires: expires)
            if type == .portability, let url = privateData.details?.transmitTo {
                let export = try await SubjectExportLoader.load(subject, master: master, on: database)
                let document = try ExportPackage(policy: context.policy, language: request.language)
                    .document(export, scope: .portability, generatedAt: now)
                try await Outbox.transfer(to: url, document: Data(document), requestID: requestID, master: master, at: now, on: database)
                outcome.transmitted = true
                drafts.append(AuditChain.Draft(time: now, actor: actor, action: "export.transmit", subjectID: subjectID,
                                               categories: Array(Set(export.items.map(\.category))).sorted(), result: "ok:queued"))
            }
        case .rectification:
            try await rectify(corrections)
            outcome.rectified = corrections.keys.sorted()
            drafts.append(AuditChain.Draft(time: now, actor: actor, action: "subject.rectify", subjectID: subjectID,
                                           categories: corrections.keys.sorted(), result: "ok"))
            completion.recipientsTold = try await RecipientNotifier.notify(
                event: type, request: requestID, subject: subject, categories: Set(corrections.keys), values: corrections,
                master: master, at: now, on: database)
        case .erasure:
            completion.recipientsTold = try await RecipientNotifier.notify(event: type, request: requestID, subject: subject, categories: nil,
                                                                           master: master, at: now, on: database)
            let (results, audit) = try await ErasureService.erase([subjectID], planner: context.erasurePlanner, actor: actor,
                                                                  at: now, on: database)
            drafts += audit
            if let erased = results.first {
                completion.erasure = erased.plan
                outcome.erased = erased.plan.erase
                outcome.kept = erased.plan.keep.map {
                    RequestOutcome.Kept(category: $0.category, grounds: $0.grounds.map(\.kind.rawValue), until: $0.until?.description)
                }
                outcome.shredded = erased.shredded
            }
        case .restriction:
            let restriction = RestrictionModel()
            restriction.subjectID = subjectID
            restriction.purpose = nil
            restriction.since = now
            try await restriction.create(on: database)
            drafts.append(AuditChain.Draft(time: now, actor: actor, action: "restriction.add", subjectID: subjectID, result: "ok:request"))
            completion.recipientsTold = try await RecipientNotifier.notify(event: type, request: requestID, subject: subject, categories: nil,
                                                                           master: master, at: now, on: database)
        case .objection:
            let details = privateData.details
            let (purposes, marketing) = try RequestService.objections(details, policy: context.policy)
            for purpose in purposes.isEmpty && !marketing ? [nil] : purposes.map(Optional.some) {
                let objection = ObjectionModel()
                objection.subjectID = subjectID
                objection.purpose = purpose
                objection.directMarketing = false
                objection.since = now
                try await objection.create(on: database)
            }
            if marketing {
                let objection = ObjectionModel()
                objection.subjectID = subjectID
                objection.directMarketing = true
                objection.since = now
                try await objection.create(on: database)
            }
            outcome.purposes = purposes
            outcome.directMarketing = marketing
            completion.purposes = purposes
            completion.directMarketing = marketing
            drafts.append(AuditChain.Draft(time: now, actor: actor, action: "objection.add", subjectID: subjectID, result: "ok:request"))
        case .withdrawConsent:
            let purposes = try RequestService.consentPurposes(privateData.details?.purposes, policy: context.policy)
            for purpose in purposes {
                let event = ConsentEventModel()
                event.subjectID = subjectID
                event.purpose = purpose
                event.state = ConsentEvent.State.withdrawn.rawValue
                event.method = "request"
                event.policyVersion = context.policy.policy.version
                event.noticeHash = context.noticeHash
                event.recordedAt = now
                try await event.create(on: database)
                drafts.append(AuditChain.Draft(time: now, actor: actor, action: "consent.withdrawn", subjectID: subjectID,
                                               purpose: purpose, result: "ok:request"))
            }
            outcome.purposes = purposes
            completion.purposes = purposes
        case .recipients:
            let recipients = Set(try await DisclosureModel.query(on: database).filter(\.$subjectID == subjectID).all().map(\.recipient))
            outcome.recipients = recipients.sorted()
            completion.recipients = recipients.sorted()
        case .automatedDecisionReview:
            break
        }
        return drafts
    }

    /// Rectification: the new values replace the old ciphertexts (no old value is kept); indexes and
    /// the consent-age day follow them.
    func rectify(_ corrections: [String: String]) async throws {
        guard let wrapped = subject.wrappedKey else { return }
        let id = try subject.requireID()
        let key = try Vault.unwrap(wrapped, subject: id, with: master)
        let sealed = try SubjectValues.seal(corrections, for: subject, dataKey: key, context: context)
        try await SubjectValues.store(sealed, subject: id, source: "rectification", purpose: "rectification", at: now, on: database)
        try await subject.save(on: database)
    }
}
