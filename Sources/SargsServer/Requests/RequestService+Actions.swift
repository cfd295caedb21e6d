import Fluent
import Foundation
import SargsCore
import SargsKit

extension RequestService {
    /// The status after `action`, or a conflict naming the rule.
    func next(_ action: RequestAction, _ request: RequestModel) throws -> RequestStatus {
        do { return try RequestLifecycle.apply(action, to: request.status) } catch {
            throw DomainError.conflict("status", error.description)
        }
    }

    // MARK: - Verification

    /// Checks a one-time code. Wrong codes count; five lock the challenge.
    func verify(_ request: RequestModel, code: String, actor: String, on database: any Database) async throws {
        try refuseCodeWhenSigned(request)
        let id = try request.requireID()
        let newStatus = try next(.verify, request)
        guard
            let model = try await VerificationChallengeModel.query(on: database).filter(\.$requestID == id)
                .sort(\.$createdAt, .descending).first()
        else {
            throw DomainError.conflict(
                "code", "no code was sent for this request; staff must attest the requester's identity")
        }
        let now = serverClock.now
        let challengeID = try model.requireID()
        let outcome = try await ChallengeAttempts.check(model, code: code, at: now, master: master, on: database)
        if let problem = outcome.problem(renewal: "ask for a new one", done: "the request is already verified") {
            try await store.audit.record(
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestVerify, subjectID: request.subjectID,
                        result: "denied:\(outcome.label)")
                ], on: database)
            throw problem
        }
        try await markVerified(
            request, newStatus: newStatus, note: nil, actor: actor, audit: "code", at: now,
            extra: { database in
                guard
                    try await ChallengeAttempts.claim(
                        VerificationChallengeModel.self, id: challengeID, at: now, on: database)
                else {
                    throw DomainError.conflict("code", "the request is already verified")
                }
            }, on: database)
    }

    /// A request that must be signed is not verified by a one-time code (the policy's signature rule).
    func refuseCodeWhenSigned(_ request: RequestModel) throws {
        guard let signature = request.signatureRequired else { return }
        throw DomainError.signedRequestNeedsAttestation(request.type, request.channel, signature)
    }

    /// Staff attestation (e.g. a qualified electronic signature was checked), recording what was
    /// checked; for a request that must be signed, the signature: its kind, signer, validation and date.
    func attest(
        _ request: RequestModel, _ attestation: RequestVerification.Attestation, actor: String,
        on database: any Database
    ) async throws {
        let (method, checked) = (attestation.method, attestation.checked)
        let newStatus = try next(.verify, request)
        guard !method.isEmpty, method.count <= 100 else {
            throw DomainError.invalid("attestation.method", "must be 1-100 characters")
        }
        guard !checked.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DomainError.invalid("attestation.checked", "say what was checked")
        }
        let now = serverClock.now
        var note = "\(method): \(checked)"
        var audit = "attestation"
        // A signature staff record on a request that needs none is checked and recorded all the same.
        let asked = attestation.signature == nil ? nil : RequestRules.SignatureRequirement.none
        if let required = request.signatureRequired ?? asked {
            let attested = try SignatureAttestation(
                attestation.signature, required: required, today: clock.receiptDay(now))
            note += "\n\(attested.note)"
            audit = attested.auditResult
        }
        try await markVerified(
            request, newStatus: newStatus, note: note, actor: actor, audit: audit, at: now, extra: { _ in },
            on: database)
    }

    func markVerified(
        _ request: RequestModel, newStatus: RequestStatus, note: String?, actor: String, audit: String, at now: Date,
        extra: @escaping @Sendable (any Database) async throws -> Void, on database: any Database
    ) async throws {
        let today = clock.receiptDay(now)
        if let since = request.awaitingSince {
            let paused = clock.pausedDays(awaitingSince: since, verifiedOn: today)
            if paused > 0 && !request.extended {
                request.pausedDays += paused
                request.dueOn = clock.dueDate(
                    for: request.type, receivedOn: request.receivedOn, pausedDays: request.pausedDays)
                request.latestDueOn = clock.latestDueDate(
                    for: request.type, receivedOn: request.receivedOn, pausedDays: request.pausedDays)
            }
        }
        let id = try request.requireID()
        let read = RequestStore.ReadState(request)
        request.status = newStatus
        request.awaitingSince = nil
        let master = self.master
        let requestChange = try ModelWrite(changing: request)
        let event = try ModelWrite(
            inserting: RequestStore.event(.verify, request: request, actor: actor, note: note, master: master, at: now))
        let subjectID = request.subjectID
        try await store.write(on: database) { database in
            try await RequestStore.claim(id, as: read, on: database)
            try await extra(database)
            try await requestChange.run(on: database)
            try await event.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestVerify, subjectID: subjectID,
                        result: AuditResult.ok(audit))
                ]
            )
        }
    }

    /// Sends a new code (after expiry or lock-out), within the rate limits.
    func challengeAgain(
        _ request: RequestModel, clientIP: String, actor: String, on database: any Database
    ) async throws {
        let rules = ruleSource.current
        try refuseCodeWhenSigned(request)
        let newStatus = try next(.challenge, request)
        guard let address = try await address(for: request, on: database) else {
            throw DomainError.conflict(
                "email", "no e-mail address is known for this request; staff must attest the requester's identity")
        }
        let now = serverClock.now
        let ipKey = master.authenticate(clientIP, for: .rateLimit)
        let addressKey = master.authenticate(address, for: .rateLimit)
        try await checkRateLimits(ipKey: ipKey, addressKey: addressKey, now: now, on: database)
        let (challenge, code) = VerificationChallenge.issue(at: now, with: master)
        let id = try request.requireID()
        let message = try RequestMessages(policy: rules.policy, language: request.language)
            .verification(type: request.type, code: code, reference: RequestReference.of(id))
        let read = RequestStore.ReadState(request)
        request.status = newStatus
        if request.awaitingSince == nil { request.awaitingSince = clock.receiptDay(now) }
        let master = self.master
        let requestChange = try ModelWrite(changing: request)
        let event = try ModelWrite(
            inserting: RequestStore.event(
                .challenge, request: request, actor: actor, note: nil, master: master, at: now))
        let subjectID = request.subjectID
        try await store.write(on: database) { database in
            try await RequestStore.claim(id, as: read, on: database)
            try await Self.storeChallenge(
                challenge, request: id, addressKey: addressKey, ipKey: ipKey, at: now, on: database)
            try await requestChange.run(on: database)
            try await event.run(on: database)
            try await Outbox.email(
                to: address, message, topic: "verification", requestID: id, master: master, at: now, on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestChallenge, subjectID: subjectID, result: "ok")
                ]
            )
        }
    }

    // MARK: - Staff actions

    /// Extends the answer period (GDPR Art. 12(3)) and tells the requester why.
    func extend(
        _ request: RequestModel, by text: String?, reasons: String, actor: String, on database: any Database
    ) async throws {
        let rules = ruleSource.current
        _ = try next(.extend, request)
        let now = serverClock.now
        var added = clock.profile.maximumExtension ?? ISODuration()
        if let text {
            do { added = try ISODuration(parsing: text) } catch { throw DomainError.invalid("by", error.description) }
        }
        let due: CivilDate
        do {
            due = try clock.extendedDueDate(
                for: request.type, receivedOn: request.receivedOn, pausedDays: request.pausedDays, by: added,
                reasons: reasons,
                decidedOn: clock.receiptDay(now))
        } catch {
            throw DomainError.invalid(error == .extensionWithoutReasons ? "reasons" : "by", error.description)
        }
        let read = RequestStore.ReadState(request)
        request.dueOn = due
        request.extended = true
        let id = try request.requireID()
        let message = try RequestMessages(policy: rules.policy, language: request.language)
            .extended(type: request.type, due: due, reasons: reasons, reference: RequestReference.of(id))
        let address = try await address(for: request, on: database)
        try await record(
            request, decidedFrom: read, action: .extend, note: reasons, actor: actor,
            message: (address, message, "extension"), result: "ok:\(due)", at: now, on: database)
    }

    /// Refuses a request with reasons (Art. 12(4)) — invalid, unverifiable, manifestly unfounded or excessive
    /// (Art. 12(5)).
    func reject(
        _ request: RequestModel, kind: RejectionKind, reason: String, actor: String, on database: any Database
    ) async throws {
        let rules = ruleSource.current
        let newStatus = try next(.reject, request)
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DomainError.invalid("reason", "a rejection must give its reasons (Art. 12(4))")
        }
        let now = serverClock.now
        let id = try request.requireID()
        let message = try RequestMessages(policy: rules.policy, language: request.language)
            .rejected(type: request.type, reasons: reason, reference: RequestReference.of(id))
        let address = try await address(for: request, on: database)
        let read = RequestStore.ReadState(request)
        request.status = newStatus
        request.closedAt = now
        var outcome = request.outcomeValue ?? RequestOutcome()
        outcome.rejection = kind.auditText
        request.outcomeValue = outcome
        try await record(
            request, decidedFrom: read, action: .reject, note: reason, actor: actor,
            message: (address, message, "rejection"), result: AuditResult.ok(kind), at: now,
            extra: { database in
                // A request closed while company systems wait keeps nothing for them: neither the
                // sealed answer and address nor the identities the systems would be searched by.
                try await PendingCompletionModel.query(on: database).filter(\.$id == id).delete()
                try await RequestSystemModel.query(on: database).filter(\.$requestID == id)
                    .filter(\.$status != .done).set(\.$status, to: .failed)
                    .set(\.$failure, to: "the request was rejected before this system was done").set(
                        \.$work, to: Data()
                    )
                    .update()
            }, on: database)
        ServerMetrics.request(type: request.type, status: "rejected")
    }

    /// Completes a request that needed a person (a review of an automated decision, Art. 22(3)).
    func complete(_ request: RequestModel, note: String, actor: String, on database: any Database) async throws {
        let rules = ruleSource.current
        let newStatus = try next(.complete, request)
        guard !request.type.isAutomatic else {
            throw DomainError.conflict(
                "request",
                "Sargs completes this request itself once every company system is done; retry a failed system instead")
        }
        guard !note.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DomainError.invalid("note", "say what was done")
        }
        let now = serverClock.now
        let id = try request.requireID()
        var details = CompletionDetails()
        details.note = note
        let message = try RequestMessages(policy: rules.policy, language: request.language)
            .completed(type: request.type, details: details, reference: RequestReference.of(id))
        let address = try await address(for: request, on: database)
        let read = RequestStore.ReadState(request)
        request.status = newStatus
        request.closedAt = now
        try await record(
            request, decidedFrom: read, action: .complete, note: note, actor: actor,
            message: (address, message, "completion"), result: "ok", at: now, on: database)
        ServerMetrics.request(type: request.type, status: "completed")
    }

    /// Staff record that a recipient without an endpoint was told, or confirmed (Art. 19).
    func confirmRecipient(
        _ request: RequestModel, recipient: String, actor: String, on database: any Database
    ) async throws {
        let id = try request.requireID()
        guard
            let notice = try await RecipientNoticeModel.query(on: database).filter(\.$requestID == id)
                .filter(\.$recipient == recipient).first()
        else {
            throw DomainError.notFound("a notice to recipient '\(recipient)' for this request")
        }
        let now = serverClock.now
        notice.confirmedAt = now
        notice.confirmedBy = actor
        let noticeChange = try ModelWrite(changing: notice)
        try await record(
            request, decidedFrom: RequestStore.ReadState(request), action: .recipientConfirmed, note: recipient,
            actor: actor, message: nil,
            result: "ok:\(recipient)", at: now, extra: { try await noticeChange.run(on: $0) }, on: database)
    }

    /// Saves the request with a history event, an audit entry and an optional message, in one transaction.
    ///
    /// `decidedFrom` is the request as read before the change (`RequestStore.claim`); nil only for a
    /// request being created in this transaction.
    func record(
        _ request: RequestModel, decidedFrom read: RequestStore.ReadState?, action: RequestEventModel.Kind,
        note: String?, actor: String,
        message: (String?, RequestMessage, String)?,
        result: String, at now: Date, extra: @escaping @Sendable (any Database) async throws -> Void = { _ in },
        on database: any Database
    ) async throws {
        let master = self.master
        let id = try request.requireID()
        let email = try message.flatMap { address, text, topic in
            try RequestStore.delivery(text, topic: topic, to: address, request: request, master: master)
        }
        let requestChange = try ModelWrite(changing: request)
        let event = try ModelWrite(
            inserting: RequestStore.event(action, request: request, actor: actor, note: note, master: master, at: now))
        let subjectID = request.subjectID
        try await store.write(on: database) { database in
            if let read { try await RequestStore.claim(id, as: read, on: database) }
            try await extra(database)
            if let email {
                try await Outbox.email(
                    to: email.address, email.message, topic: email.topic, requestID: id, master: master, at: now,
                    on: database)
            }
            try await requestChange.run(on: database)
            try await event.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: action.auditAction, subjectID: subjectID, result: result)
                ]
            )
        }
    }
}

extension RequestEventModel.Kind {
    /// The audit action recording this step.
    var auditAction: AuditAction {
        switch self {
        case .received: return .requestReceive
        case .challenge: return .requestChallenge
        case .verify: return .requestVerify
        case .extend: return .requestExtend
        case .approve: return .requestApprove
        case .complete: return .requestComplete
        case .reject: return .requestReject
        case .recipientConfirmed: return .requestConfirmRecipient
        }
    }
}

extension RequestService {
    /// A staff action on a request, as pages offer it.
    enum StaffAction: String, CaseIterable, Sendable {
        case attest, challenge, approve, extend, reject, complete, recipient
    }

    /// The actions `principal` may take on `request` now: its permissions, the lifecycle, and the
    /// rules the actions themselves apply (a signed request gets no code; one extension only).
    func availableActions(_ request: RequestModel, for principal: Principal) -> Set<StaffAction> {
        let rules = ruleSource.current
        func allowed(_ action: RequestAction) -> Bool {
            (try? RequestLifecycle.apply(action, to: request.status)) != nil
        }
        var actions: Set<StaffAction> = []
        if principal.may(.requestsAttest) && allowed(.verify) { actions.insert(.attest) }
        if principal.may(.requestsVerifyCode) && allowed(.challenge) && request.signatureRequired == nil {
            actions.insert(.challenge)
        }
        if principal.may(.requestsDecide) {
            if allowed(.approve) { actions.insert(.approve) }
            // Offered only where the law and the policy allow an extension, and the first period has not passed.
            if allowed(.extend) && !request.extended, request.latestDueOn != nil,
                rules.localDay(serverClock.now) <= request.dueOn
            {
                actions.insert(.extend)
            }
            if allowed(.reject) { actions.insert(.reject) }
            // A request Sargs carries out completes itself (when its company systems are done).
            if allowed(.complete) && !request.type.isAutomatic { actions.insert(.complete) }
            actions.insert(.recipient)
        }
        return actions
    }
}
