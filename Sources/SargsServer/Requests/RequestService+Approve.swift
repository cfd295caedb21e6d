import Fluent
import Foundation
import SargsCore

extension RequestService {
    /// Approves a verified request and carries out what Sargs can do itself; the answer goes to
    /// the requester in their language. A review of an automated decision stays in progress for
    /// a person to complete (Art. 22(3)).
    func approve(_ request: RequestModel, note: String?, fee: ApproveBody.Fee?, actor: String, on database: any Database) async throws {
        let inProgress = try next(.approve, request)
        let type = request.type
        if let fee, fee.amount.isEmpty || fee.reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid("fee", "a fee needs an amount and its reason (Art. 12(5))")
        }
        let id = try request.requireID()
        let now = context.clock.now
        let privateData = try RequestStore.open(request, master: master)
        let address = try await address(for: request, on: database)  // before any erasure
        var found: SubjectModel?
        if let subjectID = request.subjectID { found = try await SubjectModel.find(subjectID, on: database) }
        let subject = found?.isErased == true ? nil : found
        let corrections = type == .rectification ? try validatedCorrections(privateData.details?.corrections) : [:]

        var initialCompletion = CompletionDetails()
        initialCompletion.note = note
        initialCompletion.fee = fee.map { CompletionDetails.Fee(amount: $0.amount, reason: $0.reason) }
        var initialOutcome = RequestOutcome()
        initialOutcome.fee = fee.map { "\($0.amount): \($0.reason)" }
        let startCompletion = initialCompletion
        let startOutcome = initialOutcome
        let completes = type.isAutomatic
        request.status = completes ? try RequestLifecycle.apply(.complete, to: inProgress) : inProgress
        if completes { request.closedAt = now }

        let context = self.context
        let master = self.master
        let messages = try RequestMessages(policy: context.policy, language: request.language)
        try await SubjectQueries.uniqueContacts {
            try await context.write(on: database, affecting: request.subjectID.map { [$0] } ?? []) { database in
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
                request.outcomeValue = outcome
                try await request.save(on: database)
                try await RequestStore.event(.approve, request: request, actor: actor, note: note, master: master,
                                             at: now, on: database)
                if completes {
                    try await RequestStore.event(.complete, request: request, actor: "system", note: nil, master: master,
                                                 at: now, on: database)
                    try await RequestStore.send(messages.completed(type: type, details: completion, reference: Self.reference(id)),
                                                topic: "completion", to: address, request: request, master: master, at: now, on: database)
                    try await request.save(on: database)
                }
                if type == .erasure, subject != nil, let subjectID = request.subjectID {
                    // Nothing the person wrote in their requests outlives the erasure: details, corrections,
                    // representative, letters and notes (the completion message is already queued, or
                    // kept as this request's letter for staff to post).
                    try await RequestStore.forgetDetails(ofSubjects: [subjectID], answering: id, on: database)
                    request.sealed = Data()
                }
                drafts.insert(AuditChain.Draft(time: now, actor: actor, action: .requestApprove, subjectID: request.subjectID,
                                               result: "ok:\(type.rawValue)"), at: 0)
                return ((), drafts)
            }
        }
        // As the retention run does: no page image of what was erased stays in SQLite's log.
        if type == .erasure { try await SecureDeletion.flush(database) }
        if completes { ServerMetrics.request(type: type.rawValue, status: "completed") }
    }

    /// Declared categories with values in their normal form.
    func validatedCorrections(_ corrections: [String: String]?) throws -> [String: String] {
        guard let corrections, !corrections.isEmpty else {
            throw DomainError.invalid("details.corrections", "a rectification needs the corrected values by category")
        }
        return try SubjectService(context: context).validatedValues(corrections, purpose: nil, field: "details.corrections",
                                                                     enforcingMinimumAge: false)
    }

    /// The purposes an objection covers, and whether it is to direct marketing.
    static func objections(_ details: RequestDetails?, policy: Policy) throws -> (purposes: [String], directMarketing: Bool) {
        let purposes = details?.purposes ?? []
        for id in purposes where policy.purpose(id) == nil {
            throw DomainError.invalid("details.purposes", "purpose '\(id)' is not declared in the policy")
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
            throw DomainError.invalid("details.purposes", "purpose '\(id)' does not rest on consent")
        }
        return named
    }
}
