import Fluent
import Foundation
import SargsCore
import SargsKit

extension RequestService {
    /// Approves a verified request and carries out what Sargs can do itself; the answer goes to
    /// the requester in their language. A review of an automated decision stays in progress for
    /// a person to complete (Art. 22(3)).
    /// - Parameter objection: for an objection written only in free text, what staff decided it concerns
    ///   (required then: an objection is never completed without its effect).
    func approve(
        _ request: RequestModel, _ command: DataRequestApproval, actor: String, on database: any Database
    ) async throws {
        let (note, fee, objection) = (command.note, command.fee, command.objection)
        let rules = ruleSource.current
        let inProgress = try next(.approve, request)
        let type = request.type
        if let fee, fee.amount.isEmpty || fee.reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError.invalid("fee", "a fee needs an amount and its reason (Art. 12(5))")
        }
        let id = try request.requireID()
        let now = serverClock.now
        var opened = try RequestStore.open(request, master: master)
        if type == .objection {
            opened.details = try decidedObjection(opened.details, staff: objection)
        } else if objection != nil {
            throw DomainError.invalid("objection", "only an objection takes a staff decision on what it concerns")
        }
        let privateData = opened
        let address = try await address(for: request, on: database)  // before any erasure
        let subjectID = request.subjectID
        let corrections = type == .rectification ? try validatedCorrections(privateData.details?.corrections) : [:]

        var initialCompletion = CompletionDetails()
        initialCompletion.note = note
        if type == .information {
            initialCompletion.noticeLink = "\(settings.publicURL)/notice?lang=\(request.language)"
        }
        initialCompletion.fee = fee.map { CompletionDetails.Fee(amount: $0.amount, reason: $0.reason) }
        var initialOutcome = RequestOutcome()
        initialOutcome.fee = fee.map { "\($0.amount): \($0.reason)" }
        let startCompletion = initialCompletion
        let startOutcome = initialOutcome
        // With company systems to reach, the request stays in progress until every one is done.
        let systems = self.systems(for: type)
        let completes = type.isAutomatic && systems.isEmpty
        let waitsForSystems = type.isAutomatic && !systems.isEmpty
        let read = RequestStore.ReadState(request)
        let status = completes ? try RequestLifecycle.apply(.complete, to: inProgress) : inProgress

        let master = self.master
        let (keys, store, ruleSource, settings, subjectData, consents) = (
            keys, store, ruleSource, settings, subjectData, consents
        )
        let messages = try RequestMessages(policy: rules.policy, language: request.language)
        let service = self
        try await SubjectQueries.uniqueContacts {
            try await store.write(
                on: database, affecting: subjectID.map { [$0] } ?? [],
                deleting: type == .erasure || type == .rectification ? .securely : .none
            ) { database in
                try await RequestStore.claim(id, as: read, on: database)
                // The request and its subject as they are in this transaction, after the claim.
                let request = try await RequestQueries.find(id, on: database)
                var subject: SubjectModel?
                if let subjectID, let found = try await SubjectModel.find(subjectID, on: database), !found.isErased {
                    subject = found
                }
                request.status = status
                if completes { request.closedAt = now }
                if !systems.isEmpty {
                    // Before the vault is touched: the identities an erasure is about to destroy.
                    try await service.prepareSystems(
                        systems, type: type, request: id, subject: subject, corrections: corrections, at: now,
                        on: database)
                }
                var outcome = startOutcome
                var completion = startCompletion
                var drafts: [AuditChain.Draft] = []
                if let subject {
                    let execution = RequestExecution(
                        keys: keys, store: store, ruleSource: ruleSource, settings: settings, subjectData: subjectData,
                        consents: consents, request: request, requestID: id, subject: subject, actor: actor, now: now,
                        database: database, transmitsAfterSystems: !systems.isEmpty)
                    drafts += try await execution.carryOut(
                        type, privateData: privateData, corrections: corrections,
                        outcome: &outcome, completion: &completion)
                    if type.notifiesRecipients { outcome.recipients = completion.recipientsTold }
                } else {
                    outcome.noData = true
                    completion.noData = true
                }
                request.outcomeValue = outcome
                try await request.save(on: database)
                try await RequestStore.event(
                    .approve, request: request, actor: actor, note: note, master: master,
                    at: now, on: database)
                if completes {
                    try await RequestStore.event(
                        .complete, request: request, actor: "system", note: nil, master: master,
                        at: now, on: database)
                    try await RequestStore.send(
                        messages.completed(type: type, details: completion, reference: RequestReference.of(id)),
                        topic: "completion", to: address, request: request, master: master, at: now, on: database)
                    try await request.save(on: database)
                }
                if waitsForSystems {
                    // The answer is sent when the last system is done (`completeIfEverySystemIsDone`).
                    try await service.pendingCompletion(
                        messages.completed(type: type, details: completion, reference: RequestReference.of(id)),
                        to: address, request: id, at: now
                    ).run(on: database)
                }
                if type == .erasure, subject != nil, let subjectID {
                    // Nothing the person wrote in their requests outlives the erasure: details, corrections,
                    // representative, letters and notes (the completion message is already queued, or
                    // kept as this request's letter for staff to post).
                    try await RequestStore.forgetDetails(ofSubjects: [subjectID], answering: id, on: database)
                }
                drafts.insert(
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestApprove, subjectID: request.subjectID,
                        result: AuditResult.ok(type)), at: 0)
                return ((), drafts)
            }
        }
        if completes { ServerMetrics.request(type: type, status: "completed") }
        if !systems.isEmpty { try await runSystems(id, actor: actor, on: database) }
    }

    /// Declared categories with values in their normal form.
    func validatedCorrections(_ corrections: [String: String]?) throws -> [String: String] {
        guard let corrections, !corrections.isEmpty else {
            throw DomainError.invalid("details.corrections", "a rectification needs the corrected values by category")
        }
        return try subjects.validatedValues(
            corrections, purpose: nil, field: "details.corrections",
            enforcingMinimumAge: false)
    }

    /// The purposes an objection covers, and whether it is to direct marketing.
    static func objections(
        _ details: RequestDetails?, policy: Policy
    ) throws -> (purposes: [String], directMarketing: Bool) {
        let purposes = details?.purposes ?? []
        for (index, id) in purposes.enumerated() {
            guard let purpose = policy.purpose(id) else {
                throw DomainError.invalid("details.purposes[\(index)]", "purpose '\(id)' is not declared in the policy")
            }
            // Art. 21(1): processing on legitimate interests or a public task; 21(2): direct marketing on any ground.
            guard purpose.isDirectMarketing || [.legitimateInterests, .publicTask].contains(purpose.legalBasis) else {
                throw DomainError.objectionBasis(purpose, field: "details.purposes[\(index)]")
            }
        }
        // An objection naming only marketing purposes is an objection to direct marketing.
        let onlyMarketing = !purposes.isEmpty && purposes.allSatisfy { policy.purpose($0)?.isDirectMarketing == true }
        return (purposes, (details?.directMarketing ?? false) || onlyMarketing)
    }

    /// The objection's details with staff's decision applied: the person's own choice stands when they
    /// named one; otherwise staff must name the purposes or direct marketing (409 until they do).
    func decidedObjection(
        _ details: RequestDetails?, staff: DataRequestApproval.ObjectionReading?
    ) throws -> RequestDetails {
        let rules = ruleSource.current
        var decided = details ?? RequestDetails()
        if Self.namesWhatItConcerns(details) {
            if staff != nil {
                throw DomainError.invalid(
                    "objection", "the person named what the objection concerns; it is not changed")
            }
            return decided
        }
        guard let staff, !(staff.purposes ?? []).isEmpty || staff.directMarketing else {
            throw DomainError.conflict(
                "objection",
                "the person described the objection only in words: name the purposes it concerns, "
                    + "or direct_marketing, when approving (Art. 21)")
        }
        decided.purposes = staff.purposes
        decided.directMarketing = staff.directMarketing ? true : nil
        do { _ = try Self.objections(decided, policy: rules.policy) } catch let DomainError.invalid(field, detail) {
            throw DomainError.invalid(field.replacingOccurrences(of: "details.", with: "objection."), detail)
        }
        return decided
    }

    /// Whether an objection's details name what it concerns; one written only in free text needs a
    /// staff decision (`approve` with `objection`) before it can be carried out.
    static func namesWhatItConcerns(_ details: RequestDetails?) -> Bool {
        !(details?.purposes ?? []).isEmpty || details?.directMarketing == true
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
