import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Passwordless console sign-in: a one-time code e-mailed through the outbox, then, for members
/// with a second factor (or admins when `SARGS_CONSOLE_ADMIN_TOTP=required`), a TOTP code
/// (RFC 6238). Unknown addresses get the same answers; every outcome is audited without values.
struct StaffSignIn: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let sessions: StaffSessions

    var accounts: StaffAccounts { StaffAccounts(keys: keys, store: store, serverClock: serverClock) }
    var settings: ConsoleSettings { sessions.settings }

    /// Codes per address from one IP address, per IP address, and per address from anywhere, per
    /// hour. The per-address cap is high enough that strangers cannot lock a member out from one
    /// place, and low enough to bound the mail a member can be sent.
    static let codesPerAddressAndIPPerHour = 5
    static let codesPerIPPerHour = 20
    static let codesPerAddressPerHour = 30
    /// How long a new second factor may take to be confirmed.
    static let enrolmentLifetime: TimeInterval = 10 * 60

    /// What the sign-in needs next once the e-mailed code was right.
    enum Step: Sendable {
        /// Signed in: the session cookie's value.
        case session(String)
        /// The member's TOTP code.
        case secondFactor
        /// An admin who must use a second factor and has none enrols now.
        case enrol(Enrolment.Offer)
    }

    /// Records a sign-in and, when the address belongs to staff, e-mails the code. The message is
    /// prepared either way, so the answer takes about as long for an address that is not staff.
    func start(email raw: String?, clientIP: String, language: String, on database: any Database) async throws -> UUID {
        let rules = ruleSource.current
        guard let raw, let address = try? ContactValue.normalisedEmail(raw) else {
            throw DomainError.invalid("email", "must be an e-mail address")
        }
        let now = serverClock.now
        let master = keys.master
        let addressKey = master.authenticate("staff|\(address)", for: .rateLimit)
        let ipKey = master.authenticate("staff|\(clientIP)", for: .rateLimit)
        let hourAgo = now.addingTimeInterval(-3_600)
        let recent = StaffSignInModel.query(on: database).filter(\.$createdAt > hourAgo)
        let byPair = try await recent.copy().filter(\.$addressKey == addressKey).filter(\.$ipKey == ipKey).count()
        let byIP = try await recent.copy().filter(\.$ipKey == ipKey).count()
        let byAddress = try await recent.copy().filter(\.$addressKey == addressKey).count()
        guard byPair < Self.codesPerAddressAndIPPerHour, byIP < Self.codesPerIPPerHour,
            byAddress < Self.codesPerAddressPerHour
        else {
            throw DomainError.rateLimited("email", "too many codes in the last hour; try again later")
        }
        let member = try await accounts.find(email: address, on: database)
        let id = UUID()
        let (challenge, code) = VerificationChallenge.issue(id: id, at: now, with: master)
        let row = StaffSignInModel()
        row.id = id
        row.staffID = try member?.requireID()
        row.codeHash = challenge.codeHash
        row.expiresAt = challenge.expiresAt
        row.failedAttempts = 0
        row.addressKey = addressKey
        row.ipKey = ipKey
        row.createdAt = now
        let message = try RequestMessages(
            policy: rules.policy, language: RequestMessages.language(requested: language, policy: rules.policy)
        )
        .staffSignInCode(code: code)
        let sealed = try Outbox.Sealed.email(to: address, message, master: master)
        let known = member != nil
        let rowInsert = try ModelWrite(inserting: row)
        try await store.write(on: database) { database in
            try await rowInsert.run(on: database)
            if known { try await Outbox.enqueue(sealed, topic: "console.code", requestID: nil, at: now, on: database) }
            return ((), [])
        }
        return id
    }

    /// Checks the e-mailed code; what comes next, or a domain error on field `code`.
    func confirmCode(signIn id: UUID, code: String, on database: any Database) async throws -> Step {
        guard let row = try await StaffSignInModel.find(id, on: database) else {
            throw DomainError.invalid("code", "the code is wrong")
        }
        let now = serverClock.now
        let outcome = try await ChallengeAttempts.check(
            row, code: row.staffID == nil ? "" : code, at: now, master: keys.master, on: database)
        if let problem = outcome.problem(renewal: "ask for a new code", done: "this code was already used") {
            try await deny(row, outcome.label, on: database)
            throw problem
        }
        guard let staffID = row.staffID, let member = try await StaffMemberModel.find(staffID, on: database),
            member.removedAt == nil
        else {
            throw DomainError.invalid("code", "the code is wrong")
        }
        if member.totpSealed == nil && !(member.role == .admin && settings.adminTOTPRequired) {
            // No second factor: the code is claimed in the transaction that opens the session.
            return .session(try await complete(row, member: member, claimingCode: true, audit: "ok:code", on: database))
        }
        guard try await ChallengeAttempts.claim(StaffSignInModel.self, id: id, at: now, on: database) else {
            throw DomainError.conflict("code", "this code was already used")
        }
        if member.totpSealed != nil { return .secondFactor }
        return .enrol(try offer(for: member, signIn: id))
    }

    /// Checks the member's TOTP code after the e-mailed one; the session cookie's value.
    func confirmSecondFactor(signIn id: UUID, code: String, on database: any Database) async throws -> String {
        let (row, member) = try await awaitingSecondFactor(id, on: database)
        guard let sealed = member.totpSealed else { throw DomainError.invalid("totp", "no second factor is enrolled") }
        let totp = TOTP(
            secret: [UInt8](try Vault.openService(sealed, context: StaffAccounts.totpContext, with: keys.master)))
        let step = totp.matchingStep(
            for: code.trimmingCharacters(in: .whitespaces), at: serverClock.now, after: member.totpLastStep)
        guard let step, try await claim(step: step, of: member, on: database) else {
            try await deny(row, "wrong_totp", on: database)
            throw DomainError.invalid("totp", "the code from the app is wrong or was already used")
        }
        return try await complete(row, member: member, claimingCode: false, audit: "ok:code+totp", on: database)
    }

    /// Enrols the second factor an admin must have (`SARGS_CONSOLE_ADMIN_TOTP=required`) during
    /// this sign-in — the first code from the app proves the scan — and signs in, in one transaction.
    func confirmEnrolment(
        signIn id: UUID, sealed: String, code: String, on database: any Database
    ) async throws -> String {
        let (row, member) = try await awaitingSecondFactor(id, on: database)
        guard member.totpSealed == nil, member.role == .admin, settings.adminTOTPRequired else {
            throw DomainError.conflict("totp", "this sign-in does not enrol a second factor")
        }
        let enrolment = try opened(sealed, for: member, purpose: .signIn(id))
        guard
            let step = TOTP(secret: enrolment.secret).matchingStep(
                for: code.trimmingCharacters(in: .whitespaces), at: serverClock.now,
                after: nil)
        else {
            try await deny(row, "wrong_totp", on: database)
            throw DomainError.invalid(
                "totp", "the code from the app is wrong; check the phone's time and try the next code")
        }
        return try await complete(
            row, member: member, claimingCode: false, audit: "ok:code+totp_enrolled",
            enrolling: (enrolment.secret, step), on: database)
    }

    /// A new second factor for a signed-in member to enrol from the account page.
    func newEnrolment(for staffID: UUID, on database: any Database) async throws -> Enrolment.Offer {
        guard let member = try await StaffMemberModel.find(staffID, on: database) else {
            throw DomainError.notFound("staff member")
        }
        return try offer(for: member, signIn: nil)
    }

    /// Enrols (or replaces) a signed-in member's second factor. Replacing one needs a code from the
    /// current app; afterwards the member's other sessions end.
    func enrol(
        _ signedIn: StaffSessions.SignedIn, sealed: String, code: String, currentCode: String?,
        on database: any Database
    ) async throws {
        guard let member = try await StaffMemberModel.find(signedIn.staffID, on: database), member.removedAt == nil
        else {
            throw DomainError.notFound("staff member")
        }
        if let current = member.totpSealed {
            let totp = TOTP(
                secret: [UInt8](
                    try Vault.openService(current, context: StaffAccounts.totpContext, with: keys.master)))
            guard
                let step = totp.matchingStep(
                    for: (currentCode ?? "").trimmingCharacters(in: .whitespaces), at: serverClock.now,
                    after: member.totpLastStep),
                try await claim(step: step, of: member, on: database)
            else {
                throw DomainError.invalid("current_totp", "give a code from the app in use now to replace it")
            }
        }
        let enrolment = try opened(sealed, for: member, purpose: .account)
        guard
            let step = TOTP(secret: enrolment.secret).matchingStep(
                for: code.trimmingCharacters(in: .whitespaces), at: serverClock.now,
                after: nil)
        else {
            throw DomainError.invalid(
                "totp", "the code from the app is wrong; check the phone's time and try the next code")
        }
        let now = serverClock.now
        let sealedSecret = try Vault.sealService(
            Data(enrolment.secret), context: StaffAccounts.totpContext, with: keys.master)
        member.totpSealed = sealedSecret
        member.totpLastStep = step
        let memberChange = try ModelWrite(changing: member)
        try await store.write(on: database) { database in
            try await memberChange.run(on: database)
            try await StaffSessionModel.query(on: database).filter(\.$staffID == signedIn.staffID).filter(
                \.$id != signedIn.sessionID
            )
            .filter(\.$endedAt == nil).set(\.$endedAt, to: now).update()
            return (
                (),
                [AuditChain.Draft(time: now, actor: signedIn.principal.actor, action: .staffTOTPEnrol, result: "ok")]
            )
        }
    }

    // MARK: - Enrolment tokens

    /// A second factor offered for enrolment: sealed for one purpose (this sign-in, or the account
    /// page), one member and ten minutes.
    struct Enrolment: Codable {
        enum Purpose: Codable, Equatable {
            case signIn(UUID)
            case account
        }

        var staff: UUID
        var purpose: Purpose
        var issuedAt: Date
        var secret: [UInt8]

        /// What the page shows once: the sealed form value, the URI for the QR code, the key to type.
        struct Offer: Sendable {
            var sealed: String
            var uri: String
            var secret: String
        }
    }

    static let enrolmentContext = "staff-totp-enrolment|v2"

    private func offer(for member: StaffMemberModel, signIn: UUID?) throws -> Enrolment.Offer {
        let secret = TOTP.generateSecret()
        let enrolment = Enrolment(
            staff: try member.requireID(), purpose: signIn.map { .signIn($0) } ?? .account, issuedAt: serverClock.now,
            secret: secret)
        return Enrolment.Offer(
            sealed: try SealedToken.seal(enrolment, context: Self.enrolmentContext, with: keys.master),
            uri: TOTP(secret: secret).provisioningURI(issuer: issuer, account: try accounts.email(of: member)),
            secret: Base32.encode(secret))
    }

    private func opened(_ sealed: String, for member: StaffMemberModel, purpose: Enrolment.Purpose) throws -> Enrolment
    {
        guard
            let enrolment = SealedToken.open(
                Enrolment.self, from: sealed, context: Self.enrolmentContext, with: keys.master),
            enrolment.staff == member.id, enrolment.purpose == purpose,
            serverClock.now.timeIntervalSince(enrolment.issuedAt) < Self.enrolmentLifetime
        else {
            throw DomainError.invalid("totp", "the enrolment has expired; start again")
        }
        return enrolment
    }

    var issuer: String { "Sargs \(ruleSource.current.policy.controllers.first?.legalName ?? "console")" }

    // MARK: - Steps

    /// A TOTP time step is accepted once per member, even by two sign-ins racing with one code.
    private func claim(step: Int64, of member: StaffMemberModel, on database: any Database) async throws -> Bool {
        try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: StaffMemberModel.schema) SET totp_last_step = \(bind: step)
            WHERE id = \(bind: member.requireID())
            AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
            """
        ).first() != nil
    }

    /// The sign-in waiting for its second factor, with one attempt reserved in the database
    /// before any code is checked: guesses sent in parallel each use up one of the five.
    private func awaitingSecondFactor(
        _ id: UUID, on database: any Database
    ) async throws -> (StaffSignInModel, StaffMemberModel) {
        let now = serverClock.now
        let reserved =
            try await JobLease.sql(database).raw(
                """
                UPDATE \(ident: StaffSignInModel.schema) SET failed_attempts = failed_attempts + 1
                WHERE id = \(bind: id) AND code_accepted_at IS NOT NULL AND completed_at IS NULL
                  AND failed_attempts < \(bind: VerificationChallenge.maximumAttempts) AND expires_at > \(bind: now)
                RETURNING id
                """
            ).first() != nil
        guard reserved, let row = try await StaffSignInModel.find(id, on: database), let staffID = row.staffID,
            let member = try await StaffMemberModel.find(staffID, on: database), member.removedAt == nil
        else {
            if let row = try await StaffSignInModel.find(id, on: database) {
                try await deny(row, "ended", on: database)
            }
            throw DomainError.invalid(
                "totp", "this sign-in has ended (expired, used or too many wrong codes); start again")
        }
        return (row, member)
    }

    private func deny(_ row: StaffSignInModel, _ reason: String, on database: any Database) async throws {
        let actor = row.staffID.map { "staff:\($0.wire)" } ?? "console"
        try await store.audit.record(
            [AuditChain.Draft(time: serverClock.now, actor: actor, action: .staffSignIn, result: "denied:\(reason)")],
            on: database)
    }

    /// In one audited transaction: claims the e-mailed code (when no second step did), marks the
    /// sign-in complete (once), stores a second factor being enrolled, and opens the session.
    private func complete(
        _ row: StaffSignInModel, member: StaffMemberModel, claimingCode: Bool, audit result: String,
        enrolling: (secret: [UInt8], step: Int64)? = nil, on database: any Database
    ) async throws -> String {
        let now = serverClock.now
        let id = try row.requireID(), staffID = try member.requireID()
        let sessions = self.sessions
        let sealedSecret = try enrolling.map {
            try Vault.sealService(Data($0.secret), context: StaffAccounts.totpContext, with: keys.master)
        }
        if let enrolling, let sealedSecret {
            member.totpSealed = sealedSecret
            member.totpLastStep = enrolling.step
        }
        let memberChange = try ModelWrite(changing: member)
        return try await store.write(on: database) { database in
            if claimingCode {
                guard try await ChallengeAttempts.claim(StaffSignInModel.self, id: id, at: now, on: database) else {
                    throw DomainError.conflict("code", "this code was already used")
                }
            }
            let claimed =
                try await JobLease.sql(database).raw(
                    """
                    UPDATE \(ident: StaffSignInModel.schema) SET completed_at = \(bind: now)
                    WHERE id = \(bind: id) AND completed_at IS NULL
                    AND failed_attempts <= \(bind: VerificationChallenge.maximumAttempts)
                    RETURNING id
                    """
                ).first() != nil
            guard claimed else { throw DomainError.conflict("code", "this sign-in was already used") }
            var drafts: [AuditChain.Draft] = []
            if enrolling != nil {
                try await memberChange.run(on: database)
                drafts.append(
                    AuditChain.Draft(time: now, actor: "staff:\(staffID.wire)", action: .staffTOTPEnrol, result: "ok"))
            }
            let token = try await sessions.open(for: staffID, on: database)
            drafts.append(
                AuditChain.Draft(time: now, actor: "staff:\(staffID.wire)", action: .staffSignIn, result: result))
            return (token, drafts)
        }
    }
}
