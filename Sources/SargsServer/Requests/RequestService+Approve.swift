import Fluent
import Foundation
import SargsCore

extension RequestService {
    /// Approves a verified request and carries out what Sargs can do itself; the answer goes to
    /// the requester in their language. A review of an automated decision stays in progress for
    /// a person to complete (Art. 22(3)).
    func approve(_ request: RequestModel, note: String?, fee: ApproveBody.Fee?, actor: String, on database: any Database) async throws {
        let inProgress = try next(.approve, request)
        guard let type = RequestType(rawValue: request.type) else { throw APIProblem.conflict("type", "unknown request type") }
        if let fee, fee.amount.isEmpty || fee.reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw APIProblem.invalid("fee", "a fee needs an amount and its reason (Art. 12(5))")
        }
        let id = try request.requireID()
        let now = Date()
        let privateData = try RequestStore.open(request, master: master)
        let address = try await address(for: request, on: database)  // before any erasure
        var found: SubjectModel?
        if let subjectID = request.subjectID { found = try await SubjectModel.find(subjectID, on: database) }
        let subject = found?.status == SubjectState.Status.erased.rawValue ? nil : found
        let corrections = type == .rectification ? try validatedCorrections(privateData.details?.corrections) : [:]

        var initialCompletion = CompletionDetails()
        initialCompletion.note = note
        initialCompletion.fee = fee.map { ($0.amount, $0.reason) }
        var initialOutcome = RequestOutcome()
        initialOutcome.fee = fee.map { "\($0.amount): \($0.reason)" }
        let startCompletion = initialCompletion
        let startOutcome = initialOutcome
        let completes = type.isAutomatic
        request.status = (completes ? try RequestLifecycle.apply(.complete, to: inProgress) : inProgress).rawValue
        if completes { request.closedAt = now }

        let context = self.context
        let master = self.master
        let linkLifetime = context.exportLinkLifetime
        let messages = try RequestMessages(policy: context.policy, language: request.language)
        let result: (RequestOutcome, CompletionDetails) = try await context.audit.perform(on: database) { database in
            var outcome = startOutcome
            var completion = startCompletion
            var drafts: [AuditChain.Draft] = []
            if let subject {
                let subjectID = try subject.requireID()
                switch type {
                case .access, .portability:
                    let expires = now.addingTimeInterval(linkLifetime)
                    outcome.exportExpiresAt = expires
                    completion.download = ("\(context.publicURL)/v1/exports/\(ExportLinks.token(request: id, expires: expires, master: master))", expires)
                    if type == .portability, let url = privateData.details?.transmitTo {
                        let export = try await SubjectExportLoader.load(subject, master: master, on: database)
                        let document = try ExportPackage(policy: context.policy, language: request.language)
                            .document(export, scope: .portability, generatedAt: now)
                        try await Outbox.transfer(to: url, document: Data(document), requestID: id, master: master, at: now, on: database)
                        outcome.transmitted = true
                        drafts.append(AuditChain.Draft(time: now, actor: actor, action: "export.transmit", subjectID: subjectID,
                                                       categories: Array(Set(export.items.map(\.category))).sorted(), result: "ok:queued"))
                    }
                case .rectification:
                    try await Self.rectify(subject, corrections: corrections, master: master, at: now, on: database)
                    outcome.rectified = corrections.keys.sorted()
                    drafts.append(AuditChain.Draft(time: now, actor: actor, action: "subject.rectify", subjectID: subjectID,
                                                   categories: corrections.keys.sorted(), result: "ok"))
                    completion.recipientsTold = try await RecipientNotifier.notify(
                        event: type, request: id, subject: subject, categories: Set(corrections.keys), values: corrections,
                        master: master, at: now, on: database)
                case .erasure:
                    completion.recipientsTold = try await RecipientNotifier.notify(event: type, request: id, subject: subject, categories: nil,
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
                    completion.recipientsTold = try await RecipientNotifier.notify(event: type, request: id, subject: subject, categories: nil,
                                                                                   master: master, at: now, on: database)
                case .objection:
                    let details = privateData.details
                    let (purposes, marketing) = try Self.objections(details, policy: context.policy)
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
                    let purposes = try Self.consentPurposes(privateData.details?.purposes, policy: context.policy)
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
                if type.notifiesRecipients { outcome.recipients = completion.recipientsTold }
            } else {
                outcome.noData = true
                completion.noData = true
            }
            try RequestStore.setOutcome(outcome, on: request)
            try await request.save(on: database)
            try await RequestStore.event(RequestAction.approve.rawValue, request: request, actor: actor, note: note, master: master,
                                         at: now, on: database)
            if completes {
                try await RequestStore.event(RequestAction.complete.rawValue, request: request, actor: "system", note: nil, master: master,
                                             at: now, on: database)
                try await RequestStore.send(messages.completed(type: type, details: completion, reference: Self.reference(id)),
                                            topic: "completion", to: address, request: request, master: master, at: now, on: database)
                try await request.save(on: database)
            }
            drafts.insert(AuditChain.Draft(time: now, actor: actor, action: "request.approve", subjectID: request.subjectID,
                                           result: "ok:\(type.rawValue)"), at: 0)
            return ((outcome, completion), drafts)
        }
        _ = result
        if let subjectID = request.subjectID { context.factsChanged(subjectID) }
        if completes { ServerMetrics.request(type: type.rawValue, status: "completed") }
    }

    /// Rectification: the new values replace the old ciphertexts; the old value is kept nowhere.
    static func rectify(_ subject: SubjectModel, corrections: [String: String], master: MasterKey, at now: Date,
                        on database: any Database) async throws {
        let subjectID = try subject.requireID()
        guard let wrapped = subject.wrappedKey else { return }
        let key = try Vault.unwrap(wrapped, subject: subjectID, with: master)
        for (category, value) in corrections.sorted(by: { $0.key < $1.key }) {
            let sealed = try Vault.seal(value, category: category, subject: subjectID, with: key)
            if let item = try await DataItemModel.query(on: database).filter(\.$subjectID == subjectID).filter(\.$category == category).first() {
                item.ciphertext = sealed
                item.updatedAt = now
                try await item.save(on: database)
            } else {
                try await DataItemModel(subject: subjectID, category: category, ciphertext: sealed, source: "rectification",
                                        purpose: "rectification", at: now).create(on: database)
            }
            if category == "user.contact.email" { subject.emailIndex = BlindIndex.index(value, kind: .email, with: master) }
            if category == "user.contact.phone_number" { subject.phoneIndex = BlindIndex.index(value, kind: .phone, with: master) }
        }
        try await subject.save(on: database)
    }

    /// Declared categories with values in their normal form.
    func validatedCorrections(_ corrections: [String: String]?) throws -> [String: String] {
        guard let corrections, !corrections.isEmpty else {
            throw APIProblem.invalid("details.corrections", "a rectification needs the corrected values by category")
        }
        var result: [String: String] = [:]
        for (category, raw) in corrections {
            let field = "details.corrections.\(category)"
            guard context.policy.category(category) != nil else { throw APIProblem.invalid(field, "category '\(category)' is not declared in the policy") }
            do {
                switch category {
                case "user.contact.email": result[category] = try ContactValue.normalisedEmail(raw)
                case "user.contact.phone_number": result[category] = try ContactValue.normalisedPhone(raw)
                case "user.demographic.date_of_birth":
                    result[category] = try ContactValue.dateOfBirth(raw, today: DecisionEngine.civilDate(Date())).description
                default:
                    guard !raw.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIProblem.invalid(field, "must not be empty") }
                    result[category] = raw
                }
            } catch let problem as ContactValue.Problem {
                throw APIProblem.invalid(field, problem.description)
            }
        }
        return result
    }

    /// The purposes an objection covers, and whether it is to direct marketing.
    static func objections(_ details: RequestDetails?, policy: Policy) throws -> (purposes: [String], directMarketing: Bool) {
        let purposes = details?.purposes ?? []
        for id in purposes where policy.purpose(id) == nil {
            throw APIProblem.invalid("details.purposes", "purpose '\(id)' is not declared in the policy")
        }
        let marketing = details?.directMarketing ?? false
        return (purposes, marketing || purposes.contains { policy.purpose($0)?.isDirectMarketing == true } && purposes.allSatisfy {
            policy.purpose($0)?.isDirectMarketing == true
        })
    }

    /// The consent purposes a withdrawal covers: those named, or every consent purpose.
    static func consentPurposes(_ named: [String]?, policy: Policy) throws -> [String] {
        let consentPurposes = policy.purposes.filter { $0.legalBasis == .consent }.map(\.id)
        guard let named, !named.isEmpty else { return consentPurposes }
        for id in named where !consentPurposes.contains(id) {
            throw APIProblem.invalid("details.purposes", "purpose '\(id)' does not rest on consent")
        }
        return named
    }
}
