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
        initialCompletion.fee = fee.map { CompletionDetails.Fee(amount: $0.amount, reason: $0.reason) }
        var initialOutcome = RequestOutcome()
        initialOutcome.fee = fee.map { "\($0.amount): \($0.reason)" }
        let startCompletion = initialCompletion
        let startOutcome = initialOutcome
        let completes = type.isAutomatic
        request.status = (completes ? try RequestLifecycle.apply(.complete, to: inProgress) : inProgress).rawValue
        if completes { request.closedAt = now }

        let context = self.context
        let master = self.master
        let messages = try RequestMessages(policy: context.policy, language: request.language)
        try await context.audit.perform(on: database) { database in
            var outcome = startOutcome
            var completion = startCompletion
            var drafts: [AuditChain.Draft] = []
            if let subject {
                let execution = RequestExecution(context: context, request: request, requestID: id, subject: subject, actor: actor, now: now,
                                                 database: database)
                drafts += try await execution.carryOut(type, privateData: privateData, corrections: corrections,
                                                       outcome: &outcome, completion: &completion)
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
            return ((), drafts)
        }
        if let subjectID = request.subjectID { context.factsChanged(subjectID) }
        if completes { ServerMetrics.request(type: type.rawValue, status: "completed") }
    }

    /// Declared categories with values in their normal form.
    func validatedCorrections(_ corrections: [String: String]?) throws -> [String: String] {
        guard let corrections, !corrections.isEmpty else {
            throw APIProblem.invalid("details.corrections", "a rectification needs the corrected values by category")
        }
        var result: [String: String] = [:]
        let today = DecisionEngine.civilDate(Date())
        for (category, raw) in corrections {
            let field = "details.corrections.\(category)"
            guard context.policy.category(category) != nil else { throw APIProblem.invalid(field, "category '\(category)' is not declared in the policy") }
            do { result[category] = try ContactValue.normalised(raw, category: category, today: today) } catch {
                throw APIProblem.invalid(field, error.description)
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
        // An objection naming only marketing purposes is an objection to direct marketing.
        let onlyMarketing = !purposes.isEmpty && purposes.allSatisfy { policy.purpose($0)?.isDirectMarketing == true }
        return (purposes, (details?.directMarketing ?? false) || onlyMarketing)
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
