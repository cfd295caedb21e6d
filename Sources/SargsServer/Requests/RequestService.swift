import Fluent
import Foundation
import SargsCore
import SargsKit

/// The life of a data-subject request: submission, identity verification, extension,
/// approval (which carries it out), completion and rejection. Every step is one transaction
/// holding the change, its history event, its audit entry and the messages it sends.
struct RequestService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let settings: ServerSettings
    let subjectData: [any SubjectDataOwner]
    /// The checks a rectification's values pass, as when they are collected.
    let subjects: SubjectService
    /// The consent ledger a withdrawal request writes to.
    let consents: ConsentService
    /// The company's own datasets access, portability and erasure reach.
    let datasets: CompanyDatasets
    /// The processors over OpenDSR and the manual systems the policy names.
    let externalSystems: ExternalSystems

    var clock: RequestClock { ruleSource.current.requestClock }
    var master: MasterKey { keys.master }

    /// Verification codes per address and per client IP within an hour.
    static let codesPerAddressPerHour = 3
    static let requestsPerIPPerHour = 10

    // MARK: - Submission

    /// Validates a submission — the right under this jurisdiction, the channel, the requester, the
    /// representative's proof and the details of its type — before anything is stored.
    /// - Parameter statusLink: for a request made in the privacy center, its private status page, given in the
    ///   acknowledgement.
    /// - Parameters:
    ///   - enteredByStaff: the console's entry form: no per-client limit applies, since the client
    ///     is the controller's own staff.
    ///   - identityChecked: staff checked the person's identity themselves, so no code is sent.
    func submit(
        _ body: DataRequestSubmission, clientIP: String, actor: String,
        statusLink: (@Sendable (UUID) throws -> String)? = nil,
        enteredByStaff: Bool = false, identityChecked: Bool = false, on database: any Database
    ) async throws -> RequestModel {
        let rules = ruleSource.current
        let (type, channel) = (body.type, body.channel)
        guard clock.profile.rights.contains(type.right) else {
            throw DomainError.invalid("type", RequestError.rightNotGranted(type, clock.profile.kind).description)
        }
        guard body.language.count == 2, body.language.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            throw DomainError.invalid("language", "must be an ISO 639-1 code such as lv")
        }
        var subject: SubjectModel?
        var email: String?
        if let id = body.subjectID {
            guard let found = try await SubjectModel.find(id, on: database) else {
                throw DomainError.invalid("subject_id", "no subject has this id")
            }
            subject = found
        }
        if let raw = body.email {
            do { email = try ContactValue.normalisedEmail(raw) } catch {
                throw DomainError.invalid("email", error.description)
            }
            if subject == nil { subject = try await SubjectQueries.find(email: raw, master: master, on: database) }
        }
        guard body.subjectID != nil || email != nil else {
            throw DomainError.malformed("subject_id", "give subject_id or email")
        }
        // A request about a known subject is verified and answered only through the contact on file
        // for that subject: an address the caller types is never a channel for the code or the data.
        if subject != nil { email = nil }
        if let representative = body.representative {
            guard !representative.name.isEmpty, !representative.contact.isEmpty else {
                throw DomainError.invalid("representative", "a representative needs a name and a contact")
            }
            if rules.policy.rules.requests.representativeProof,
                (representative.proof ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            {
                throw DomainError.invalid(
                    "representative.proof",
                    "the policy requires a representative to prove their authority "
                        + "(rules.requests.representative_proof)"
                )
            }
        }
        try validateDetails(type: type, body.details)
        let receivedOn = body.receivedOn
        if let day = receivedOn {
            let today = clock.receiptDay(serverClock.now)
            guard day <= today, day.dayNumber >= today.dayNumber - 366 else {
                throw DomainError.invalid(
                    "received_on", "must be the day the request arrived: not in the future, at most a year ago")
            }
        }
        return try await record(
            type: type, subject: subject, email: email, language: body.language, channel: channel,
            receivedOn: receivedOn,
            privateData: RequestPrivateData(email: email, details: body.details, representative: body.representative),
            clientIP: enteredByStaff ? nil : body.clientIP ?? clientIP, sendsCode: !identityChecked, actor: actor,
            statusLink: statusLink, on: database)
    }

    /// Bad details are refused at submission, not when staff approve.
    func validateDetails(type: RequestType, _ details: RequestDetails?) throws {
        let rules = ruleSource.current
        switch type {
        case .rectification: _ = try validatedCorrections(details?.corrections)
        case .objection:
            _ = try Self.objections(details, policy: rules.policy)
            // Free text alone ("please stop sending me ads") is accepted, but staff decide what it concerns.
            if !Self.namesWhatItConcerns(details),
                (details?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                throw DomainError.invalid(
                    "details.purposes",
                    "name the purposes the objection concerns, or direct_marketing, "
                        + "or describe it in details.text for staff to decide (Art. 21)")
            }
        case .withdrawConsent: _ = try Self.consentPurposes(details?.purposes, policy: rules.policy)
        default: break
        }
        if let url = details?.transmitTo {
            guard type == .portability else {
                throw DomainError.invalid(
                    "details.transmit_to", "only a portability request is transmitted (Art. 20(2))")
            }
            guard settings.isAcceptableEndpoint(url) else {
                throw DomainError.invalid("details.transmit_to", "must be an https URL of the receiving controller")
            }
        }
    }

    /// Records a request, computes its deadlines, acknowledges it and, when an address is known and
    /// the policy asks no signature for its channel and type, sends a one-time code; otherwise the
    /// request waits for staff to attest its signature or the requester's identity.
    func record(
        type: RequestType, subject: SubjectModel?, email: String?, language: String, channel: RequestChannel.Kind,
        receivedOn: CivilDate? = nil, privateData: RequestPrivateData, clientIP: String?, sendsCode: Bool = true,
        actor: String,
        statusLink: (@Sendable (UUID) throws -> String)? = nil,
        on database: any Database
    ) async throws -> RequestModel {
        let rules = ruleSource.current
        let now = serverClock.now
        let today = clock.receiptDay(now)
        let received = receivedOn ?? today
        let master = self.master
        let subjectID = try subject?.requireID()
        var address = email
        if address == nil, let subject {
            address = try await keys.vault(rules).emailAddress(of: subject, on: database)
        }
        // Staff entering a request (no client address) are not a client to limit.
        let ipKey = master.authenticate(clientIP ?? "staff", for: .rateLimit)
        let addressKey = address.map { master.authenticate($0, for: .rateLimit) }
        if clientIP != nil { try await checkRateLimits(ipKey: ipKey, addressKey: addressKey, now: now, on: database) }

        let request = RequestModel()
        let id = UUID()
        request.id = id
        request.type = type
        request.subjectID = subjectID
        request.status = .received
        request.channel = channel
        request.language = RequestMessages.language(requested: language, policy: rules.policy)
        request.receivedOn = received
        request.dueOn = clock.dueDate(for: type, receivedOn: received)
        request.latestDueOn = clock.latestDueDate(for: type, receivedOn: received)
        request.invalidNoticeDueOn = clock.invalidRequestNoticeDue(for: type, receivedOn: received)
        request.pausedDays = 0
        request.extended = false
        request.sealed = try RequestStore.seal(privateData, request: id, master: master)
        request.createdAt = now
        let signature = rules.policy.rules.requests.signature(for: channel, type: type)
        request.signatureRequired = signature == .none ? nil : signature
        let messages = try RequestMessages(policy: rules.policy, language: request.language)
        let reference = RequestReference.of(id)
        // A request that must be signed is verified by staff checking the signature, never by a code.
        let challenge =
            request.signatureRequired != nil || !sendsCode
            ? nil
            : address.flatMap { address in
                addressKey.map {
                    (issued: VerificationChallenge.issue(at: now, with: master), address: address, addressKey: $0)
                }
            }
        let link = try statusLink?(id)
        // Every row is built here and inserted with the audit entry in the next group commit
        // (merged with concurrent operations' rows): a request costs about what a subject does.
        let acknowledgement = messages.acknowledgement(
            type: type, receivedOn: received, due: request.dueOn, reference: reference,
            statusLink: link)
        var messagesQueued: [OutboxMessageModel] = []
        if let address {
            messagesQueued.append(
                Outbox.message(
                    try .email(to: address, acknowledgement, master: master), topic: "acknowledgement",
                    requestID: id, at: now))
        } else {
            request.letter = try RequestStore.sealLetter(acknowledgement, request: id, master: master)
        }
        var events = [
            try RequestStore.event(.received, request: request, actor: actor, note: nil, master: master, at: now)
        ]
        var challenges: [VerificationChallengeModel] = []
        if let ((issued, code), address, addressKey) = challenge {
            challenges.append(Self.challengeModel(issued, request: id, addressKey: addressKey, ipKey: ipKey, at: now))
            request.status = try RequestLifecycle.apply(.challenge, to: .received)
            request.awaitingSince = today
            events.append(
                try RequestStore.event(
                    .challenge, request: request, actor: "system", note: nil, master: master, at: now))
            messagesQueued.append(
                Outbox.message(
                    try .email(
                        to: address, messages.verification(type: type, code: code, reference: reference),
                        master: master),
                    topic: "verification", requestID: id, at: now))
        }
        try await store.insert(
            [RowInsertion([request]), RowInsertion(events), RowInsertion(challenges), RowInsertion(messagesQueued)],
            recording: [
                AuditChain.Draft(
                    time: now, actor: actor, action: .requestReceive, subjectID: subjectID,
                    result: AuditResult.ok(type, id))
            ],
            on: database)
        request.$id.exists = true  // stored: a later `save` updates the row
        ServerMetrics.request(type: type, status: "received")
        return request
    }

    static func storeChallenge(
        _ challenge: VerificationChallenge, request: UUID, addressKey: String, ipKey: String,
        at now: Date, on database: any Database
    ) async throws {
        try await challengeModel(challenge, request: request, addressKey: addressKey, ipKey: ipKey, at: now).create(
            on: database)
    }

    /// The row of a verification challenge, not yet stored.
    static func challengeModel(
        _ challenge: VerificationChallenge, request: UUID, addressKey: String, ipKey: String,
        at now: Date
    ) -> VerificationChallengeModel {
        let model = VerificationChallengeModel()
        model.id = challenge.id
        model.requestID = request
        model.codeHash = challenge.codeHash
        model.expiresAt = challenge.expiresAt
        model.failedAttempts = 0
        model.addressKey = addressKey
        model.ipKey = ipKey
        model.createdAt = now
        return model
    }

    func checkRateLimits(ipKey: String, addressKey: String?, now: Date, on database: any Database) async throws {
        let hourAgo = now.addingTimeInterval(-3600)
        let byIP = try await VerificationChallengeModel.query(on: database).filter(\.$ipKey == ipKey)
            .filter(\.$createdAt > hourAgo).count()
        guard byIP < Self.requestsPerIPPerHour else {
            throw DomainError.rateLimited(
                "client_ip", "too many verification codes for this client in the last hour; try again later")
        }
        if let addressKey {
            let byAddress = try await VerificationChallengeModel.query(on: database).filter(\.$addressKey == addressKey)
                .filter(\.$createdAt > hourAgo).count()
            guard byAddress < Self.codesPerAddressPerHour else {
                throw DomainError.rateLimited(
                    "email", "too many verification codes for this address in the last hour; try again later")
            }
        }
    }

    /// The e-mail address messages go to. For a request about a known subject it is always the
    /// address on file for that subject (none once it is erased), never one given with the request;
    /// only a request about no known subject is answered at the address it gave.
    func address(for request: RequestModel, on database: any Database) async throws -> String? {
        if let subjectID = request.subjectID {
            guard let subject = try await SubjectModel.find(subjectID, on: database) else { return nil }
            return try await keys.vault(ruleSource.current).emailAddress(of: subject, on: database)
        }
        return try RequestStore.open(request, master: master).email
    }

    /// A service key submits a request only when its purposes cover every purpose the request
    /// concerns (all of them for access, erasure and the other rights that reach all the data).
    func authorise(_ principal: Principal, toSubmit body: DataRequestSubmission) throws {
        let rules = ruleSource.current
        try principal.requireScope(
            rules.policy.purposesConcerned(by: body.type, purposes: body.details?.purposes),
            for: "submit this request")
    }

    /// A service key passes on a code or asks a new one only for requests its purposes cover.
    func authorise(_ principal: Principal, toHandle request: RequestModel) throws {
        let rules = ruleSource.current
        guard principal.role == .service else { return }
        let details = try RequestStore.open(request, master: master).details
        try principal.requireScope(
            rules.policy.purposesConcerned(by: request.type, purposes: details?.purposes),
            for: "handle this request")
    }

    /// The view the API returns, as of today.
    func view(_ request: RequestModel, detail: Bool, on database: any Database) async throws -> RequestView {
        let (datasets, externalSystems) = (datasets, externalSystems)
        return try await RequestStore.view(
            request, detail: detail, master: master, today: ruleSource.current.localDay(serverClock.now),
            now: serverClock.now, systems: { SystemTarget.named($0, datasets: datasets, external: externalSystems) },
            on: database)
    }
}
