import Fluent
import Foundation
import SargsCore

/// The life of a data-subject request: submission, identity verification, extension,
/// approval (which carries it out), completion and rejection. Every step is one transaction
/// holding the change, its history event, its audit entry and the messages it sends.
struct RequestService: Sendable {
    let context: SargsContext

    var clock: RequestClock { context.requestClock }
    var master: MasterKey { context.masterKey }

    /// Verification codes per address and per client IP within an hour.
    static let codesPerAddressPerHour = 3
    static let requestsPerIPPerHour = 10

    // MARK: - Submission

    struct Submission: Sendable {
        var type: RequestType
        var subject: SubjectModel?
        var email: String?
        var language: String
        var channel: RequestChannel.Kind
        var details: RequestDetails?
        var representative: Representative?
        var clientIP: String
    }

    /// Records a request, computes its deadlines, acknowledges it and, when an address is known,
    /// sends a one-time code; a request with no address waits for staff attestation.
    func submit(_ submission: Submission, actor: String, on database: any Database) async throws -> RequestModel {
        let now = Date()
        let today = DecisionEngine.civilDate(now)
        let master = self.master
        let subjectID = try submission.subject?.requireID()
        var address = submission.email
        if address == nil, let subject = submission.subject { address = try await SubjectValues.emailAddress(of: subject, master: master, on: database) }
        let ipKey = master.authenticate(submission.clientIP, for: .rateLimit)
        let addressKey = address.map { master.authenticate($0, for: .rateLimit) }
        try await checkRateLimits(ipKey: ipKey, addressKey: addressKey, now: now, on: database)

        let request = RequestModel()
        let id = UUID()
        request.id = id
        request.type = submission.type.rawValue
        request.subjectID = subjectID
        request.status = RequestStatus.received.rawValue
        request.channel = submission.channel.rawValue
        request.language = RequestMessages.language(requested: submission.language, policy: context.policy)
        request.receivedOn = today.description
        request.dueOn = clock.dueDate(receivedOn: today).description
        request.latestDueOn = clock.latestDueDate(receivedOn: today)?.description
        request.invalidNoticeDueOn = clock.invalidRequestNoticeDue(receivedOn: today).description
        request.pausedDays = 0
        request.extended = false
        request.sealed = try RequestStore.seal(RequestPrivateData(email: submission.email, details: submission.details,
                                                                  representative: submission.representative), request: id, master: master)
        request.createdAt = now
        let messages = try RequestMessages(policy: context.policy, language: request.language)
        let reference = Self.reference(id)
        let challenge = address.map { _ in VerificationChallenge.issue(at: now, with: master) }
        let knownAddress = address
        let type = submission.type
        try await context.audit.perform(on: database) { database in
            try await RequestStore.send(messages.acknowledgement(type: type, receivedOn: today, due: CivilDate(iso: request.dueOn)!,
                                                                 reference: reference),
                                        topic: "acknowledgement", to: knownAddress, request: request, master: master, at: now, on: database)
            try await request.create(on: database)
            try await RequestStore.event("received", request: request, actor: actor, note: nil, master: master, at: now, on: database)
            if let (issued, code) = challenge, let address = knownAddress {
                try await Self.storeChallenge(issued, request: id, addressKey: addressKey!, ipKey: ipKey, at: now, on: database)
                request.status = try RequestLifecycle.apply(.challenge, to: .received).rawValue
                request.awaitingSince = today.description
                try await request.save(on: database)
                try await RequestStore.event(RequestAction.challenge.rawValue, request: request, actor: "system", note: nil,
                                             master: master, at: now, on: database)
                try await Outbox.email(to: address, messages.verification(type: type, code: code, reference: reference),
                                       topic: "verification", requestID: id, master: master, at: now, on: database)
            }
            return ((), [AuditChain.Draft(time: now, actor: actor, action: "request.receive", subjectID: subjectID,
                                          result: "ok:\(type.rawValue):\(id.uuidString.lowercased())")])
        }
        ServerMetrics.request(type: type.rawValue, status: "received")
        return request
    }

    static func storeChallenge(_ challenge: VerificationChallenge, request: UUID, addressKey: String, ipKey: String,
                               at now: Date, on database: any Database) async throws {
        let model = VerificationChallengeModel()
        model.id = challenge.id
        model.requestID = request
        model.codeHash = challenge.codeHash
        model.expiresAt = challenge.expiresAt
        model.failedAttempts = 0
        model.addressKey = addressKey
        model.ipKey = ipKey
        model.createdAt = now
        try await model.create(on: database)
    }

    func checkRateLimits(ipKey: String, addressKey: String?, now: Date, on database: any Database) async throws {
        let hourAgo = now.addingTimeInterval(-3600)
        let byIP = try await VerificationChallengeModel.query(on: database).filter(\.$ipKey == ipKey)
            .filter(\.$createdAt > hourAgo).count()
        guard byIP < Self.requestsPerIPPerHour else {
            throw APIProblem.tooManyRequests("client_ip", "too many verification codes for this client in the last hour; try again later")
        }
        if let addressKey {
            let byAddress = try await VerificationChallengeModel.query(on: database).filter(\.$addressKey == addressKey)
                .filter(\.$createdAt > hourAgo).count()
            guard byAddress < Self.codesPerAddressPerHour else {
                throw APIProblem.tooManyRequests("email", "too many verification codes for this address in the last hour; try again later")
            }
        }
    }

    /// The e-mail address messages go to: the one given with the request, or the subject's own.
    func address(for request: RequestModel, on database: any Database) async throws -> String? {
        if let email = try RequestStore.open(request, master: master).email { return email }
        guard let subjectID = request.subjectID, let subject = try await SubjectModel.find(subjectID, on: database) else { return nil }
        return try await SubjectValues.emailAddress(of: subject, master: master, on: database)
    }

    static func reference(_ id: UUID) -> String { String(id.uuidString.lowercased().prefix(8)) }
}
