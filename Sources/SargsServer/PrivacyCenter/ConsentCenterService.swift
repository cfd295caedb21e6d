import Fluent
import Foundation
import SargsCore
import SargsKit

/// The privacy center's consent pages: signing in with a code sent to the subject's address, the
/// consent state per purpose and channel with its history, and giving or withdrawing each one
/// through the same ledger as the API (method `privacy_center`, IP and user agent sealed).
struct ConsentCenterService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let consents: ConsentService

    static let codesPerAddressPerHour = 3
    static let codesPerIPPerHour = 10
    /// How long a signed-in session lasts.
    static let sessionLifetime: TimeInterval = 30 * 60

    /// Records a sign-in and, when the address belongs to a subject, e-mails the code. The same
    /// answer either way; the rate limits count both.
    func start(email raw: String?, clientIP: String, language: String, on database: any Database) async throws -> UUID {
        let rules = ruleSource.current
        guard let raw, let address = try? ContactValue.normalisedEmail(raw) else {
            throw DomainError.invalid("email", "must be an e-mail address")
        }
        let now = serverClock.now
        let master = keys.master
        let addressKey = master.authenticate(address, for: .rateLimit)
        let ipKey = master.authenticate(clientIP, for: .rateLimit)
        let hourAgo = now.addingTimeInterval(-3600)
        let byIP = try await ConsentSessionModel.query(on: database).filter(\.$ipKey == ipKey).filter(
            \.$createdAt > hourAgo
        ).count()
        let byAddress = try await ConsentSessionModel.query(on: database).filter(\.$addressKey == addressKey).filter(
            \.$createdAt > hourAgo
        ).count()
        guard byIP < Self.codesPerIPPerHour, byAddress < Self.codesPerAddressPerHour else {
            throw DomainError.rateLimited("email", "too many codes in the last hour; try again later")
        }
        let subject = try await SubjectQueries.find(email: address, master: master, on: database).flatMap {
            $0.isErased ? nil : $0
        }
        let id = UUID()
        let (challenge, code) = VerificationChallenge.issue(id: id, at: now, with: master)
        let session = ConsentSessionModel()
        session.id = id
        session.subjectID = try subject?.requireID()
        session.codeHash = challenge.codeHash
        session.expiresAt = challenge.expiresAt
        session.failedAttempts = 0
        session.addressKey = addressKey
        session.ipKey = ipKey
        session.createdAt = now
        let message = try subject.map { subject in
            try RequestMessages(
                policy: rules.policy, language: RequestMessages.language(requested: language, policy: rules.policy)
            )
            .signInCode(code: code)
        }
        let sessionInsert = try ModelWrite(inserting: session)
        try await store.write(on: database) { database in
            try await sessionInsert.run(on: database)
            if let message {
                try await Outbox.email(
                    to: address, message, topic: "privacy_center.code", requestID: nil, master: master, at: now,
                    on: database)
            }
            return ((), [])
        }
        return id
    }

    /// Checks the code; the subject signed in, or a domain error on field `code`.
    func confirm(session id: UUID, code: String, on database: any Database) async throws -> UUID {
        guard let session = try await ConsentSessionModel.find(id, on: database) else {
            throw DomainError.invalid("code", "the code is wrong")
        }
        let now = serverClock.now
        // No code was sent to an unknown address: every attempt there fails as a wrong code would,
        // counted and locked out the same way.
        let outcome = try await ChallengeAttempts.check(
            session, code: session.subjectID == nil ? "" : code, at: now, master: keys.master,
            on: database)
        if let problem = outcome.problem(renewal: "ask for a new code", done: "this code was already used") {
            try await store.audit.record(
                [
                    AuditChain.Draft(
                        time: now, actor: "privacy-center", action: .privacyCenterSignIn,
                        subjectID: session.subjectID, result: "denied:\(outcome.label)")
                ],
                on: database)
            throw problem
        }
        guard let subject = session.subjectID else { throw DomainError.invalid("code", "the code is wrong") }
        try await store.write(on: database) { database in
            guard try await ChallengeAttempts.claim(ConsentSessionModel.self, id: id, at: now, on: database) else {
                throw DomainError.conflict("code", "this code was already used")
            }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: "privacy-center", action: .privacyCenterSignIn, subjectID: subject,
                        result: "ok")
                ]
            )
        }
        return subject
    }

    /// The signed-in subject of a session that is verified and still running.
    func subject(session id: UUID, on database: any Database) async throws -> SubjectModel? {
        guard let session = try await ConsentSessionModel.find(id, on: database), let verified = session.verifiedAt,
            serverClock.now.timeIntervalSince(verified) < Self.sessionLifetime, let subjectID = session.subjectID,
            let subject = try await SubjectModel.find(subjectID, on: database), !subject.isErased
        else { return nil }
        return subject
    }

    /// Gives or withdraws one consent, recorded as the API records it.
    func change(
        subject: SubjectModel, purpose: String, channel: ContactChannel?, state: ConsentEvent.State, clientIP: String,
        userAgent: String?,
        on database: any Database
    ) async throws {
        let body = RecordConsent(
            purpose: purpose, channel: channel, state: state, method: "privacy_center",
            evidence: .init(ip: clientIP, userAgent: userAgent, verifiedBy: "code:email"))
        let (event, draft) = try consents.event(body, for: subject, actor: "privacy-center")
        let insert = try ModelWrite(inserting: event)
        try await store.write(on: database, affecting: [try subject.requireID()]) { database in
            try await insert.run(on: database)
            return ((), [draft])
        }
    }
}
