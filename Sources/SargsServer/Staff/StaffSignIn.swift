import Fluent
import Foundation
import SargsCore
import SQLKit

/// Passwordless console sign-in: a one-time code e-mailed through the outbox, then, for members
/// with a second factor (or admins when `SARGS_CONSOLE_ADMIN_TOTP=required`), a TOTP code
/// (RFC 6238). Unknown addresses get the same answers; every outcome is audited without values.
struct StaffSignIn: Sendable {
    let context: SargsContext
    let sessions: StaffSessions

    var accounts: StaffAccounts { StaffAccounts(context: context) }
    var settings: ConsoleSettings { sessions.settings }

    static let codesPerAddressPerHour = 5
    static let codesPerIPPerHour = 20
    static let enrolmentContext = "staff-totp-enrolment|v1"

    /// What the sign-in needs next once the e-mailed code was right.
    enum Step: Sendable {
        /// Signed in: the session cookie's value.
        case session(String)
        /// The member's TOTP code.
        case secondFactor
        /// An admin who must use a second factor and has none enrols now: the new secret, sealed
        /// for the form, and the URI the authenticator app scans.
        case enrol(sealedSecret: String, uri: String)
    }

    /// Records a sign-in and, when the address belongs to staff, e-mails the code.
    func start(email raw: String?, clientIP: String, language: String, on database: any Database) async throws -> UUID {
        guard let raw, let address = try? ContactValue.normalisedEmail(raw) else { throw DomainError.invalid("email", "must be an e-mail address") }
        let now = context.clock.now
        let master = context.masterKey
        let addressKey = master.authenticate("staff|\(address)", for: .rateLimit)
        let ipKey = master.authenticate("staff|\(clientIP)", for: .rateLimit)
        let hourAgo = now.addingTimeInterval(-3_600)
        let byIP = try await StaffSignInModel.query(on: database).filter(\.$ipKey == ipKey).filter(\.$createdAt > hourAgo).count()
        let byAddress = try await StaffSignInModel.query(on: database).filter(\.$addressKey == addressKey).filter(\.$createdAt > hourAgo).count()
        guard byIP < Self.codesPerIPPerHour, byAddress < Self.codesPerAddressPerHour else {
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
        let message = try member.map { _ in
            try RequestMessages(policy: context.policy, language: RequestMessages.language(requested: language, policy: context.policy))
                .staffSignInCode(code: code)
        }
        try await context.write(on: database) { database in
            try await row.create(on: database)
            if let message { try await Outbox.email(to: address, message, topic: "console.code", requestID: nil, master: master, at: now, on: database) }
            return ((), [])
        }
        return id
    }

    /// Checks the e-mailed code; what comes next, or a domain error on field `code`.
    func confirmCode(signIn id: UUID, code: String, on database: any Database) async throws -> Step {
        guard let row = try await StaffSignInModel.find(id, on: database) else { throw DomainError.invalid("code", "the code is wrong") }
        let now = context.clock.now
        let outcome = try await ChallengeAttempts.check(row, code: row.staffID == nil ? "" : code, at: now, master: context.masterKey, on: database)
        if let problem = outcome.problem(renewal: "ask for a new code", done: "this code was already used") {
            try await deny(row, RequestService.label(outcome), on: database)
            throw problem
        }
        guard let staffID = row.staffID, let member = try await StaffMemberModel.find(staffID, on: database), member.removedAt == nil else {
            throw DomainError.invalid("code", "the code is wrong")
        }
        guard try await ChallengeAttempts.claim(StaffSignInModel.self, id: id, at: now, on: database) else {
            throw DomainError.conflict("code", "this code was already used")
        }
        if member.totpSealed != nil { return .secondFactor }
        if member.role == .admin && settings.adminTOTPRequired {
            let secret = TOTP.generateSecret()
            return .enrol(sealedSecret: try SealedToken.seal(Enrolment(staff: staffID, secret: secret), context: Self.enrolmentContext,
                                                             with: context.masterKey),
                          uri: TOTP(secret: secret).provisioningURI(issuer: issuer, account: try accounts.email(of: member)))
        }
        return .session(try await complete(row, member: member, audit: "ok:code", on: database))
    }

    /// Checks the member's TOTP code after the e-mailed one; the session cookie's value.
    func confirmSecondFactor(signIn id: UUID, code: String, on database: any Database) async throws -> String {
        let (row, member) = try await awaitingSecondFactor(id, on: database)
        guard let sealed = member.totpSealed else { throw DomainError.invalid("totp", "no second factor is enrolled") }
        let secret = [UInt8](try Vault.openService(sealed, context: StaffAccounts.totpContext, with: context.masterKey))
        try await accept(TOTP(secret: secret), code: code, row: row, member: member, on: database)
        return try await complete(row, member: member, audit: "ok:code+totp", on: database)
    }

    /// Enrols the second factor shown at sign-in (the first code from the app proves the scan) and
    /// signs in; the session cookie's value.
    func confirmEnrolment(signIn id: UUID, sealedSecret: String, code: String, on database: any Database) async throws -> String {
        let (row, member) = try await awaitingSecondFactor(id, on: database)
        guard let enrolment = SealedToken.open(Enrolment.self, from: sealedSecret, context: Self.enrolmentContext, with: context.masterKey),
              enrolment.staff == member.id else { throw DomainError.invalid("totp", "the enrolment has expired; sign in again") }
        try await enrol(member, secret: enrolment.secret, code: code, row: row, on: database)
        return try await complete(row, member: member, audit: "ok:code+totp", on: database)
    }

    /// A new secret for a signed-in member to enrol from the account page.
    func newEnrolment(for staffID: UUID, on database: any Database) async throws -> (sealedSecret: String, uri: String, secret: String) {
        guard let member = try await StaffMemberModel.find(staffID, on: database) else { throw DomainError.notFound("staff member") }
        let secret = TOTP.generateSecret()
        let sealed = try SealedToken.seal(Enrolment(staff: staffID, secret: secret), context: Self.enrolmentContext, with: context.masterKey)
        return (sealed, TOTP(secret: secret).provisioningURI(issuer: issuer, account: try accounts.email(of: member)), Base32.encode(secret))
    }

    /// Enrols (or replaces) a signed-in member's second factor.
    func enrol(staff staffID: UUID, sealedSecret: String, code: String, on database: any Database) async throws {
        guard let member = try await StaffMemberModel.find(staffID, on: database),
              let enrolment = SealedToken.open(Enrolment.self, from: sealedSecret, context: Self.enrolmentContext, with: context.masterKey),
              enrolment.staff == staffID else { throw DomainError.invalid("totp", "the enrolment has expired; start again") }
        try await enrol(member, secret: enrolment.secret, code: code, row: nil, on: database)
    }

    // MARK: - Steps

    struct Enrolment: Codable {
        var staff: UUID
        var secret: [UInt8]
    }

    var issuer: String { "Sargs \(context.policy.controllers.first?.legalName ?? "console")" }

    private func enrol(_ member: StaffMemberModel, secret: [UInt8], code: String, row: StaffSignInModel?, on database: any Database) async throws {
        let totp = TOTP(secret: secret)
        guard let step = totp.matchingStep(for: code.filter(\.isNumber), at: context.clock.now, after: nil) else {
            if let row { try await countFailure(row, on: database) }
            throw DomainError.invalid("totp", "the code from the app is wrong; check the phone's time and try the next code")
        }
        let now = context.clock.now
        let sealed = try Vault.sealService(Data(secret), context: StaffAccounts.totpContext, with: context.masterKey)
        try await context.write(on: database) { database in
            member.totpSealed = sealed
            member.totpLastStep = step
            try await member.save(on: database)
            return ((), [AuditChain.Draft(time: now, actor: "staff:\(try member.requireID().wire)", action: .staffTOTPEnrol, result: "ok")])
        }
    }

    private func accept(_ totp: TOTP, code: String, row: StaffSignInModel, member: StaffMemberModel, on database: any Database) async throws {
        guard let step = totp.matchingStep(for: code.filter(\.isNumber), at: context.clock.now, after: member.totpLastStep) else {
            try await countFailure(row, on: database)
            throw DomainError.invalid("totp", "the code from the app is wrong or was already used")
        }
        // A step is accepted once, even by two sign-ins racing with the same code.
        let claimed = try await JobLease.sql(database).raw("""
            UPDATE \(ident: StaffMemberModel.schema) SET totp_last_step = \(bind: step)
            WHERE id = \(bind: member.requireID()) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
            """).first() != nil
        guard claimed else { throw DomainError.invalid("totp", "the code from the app is wrong or was already used") }
    }

    private func awaitingSecondFactor(_ id: UUID, on database: any Database) async throws -> (StaffSignInModel, StaffMemberModel) {
        let now = context.clock.now
        guard let row = try await StaffSignInModel.find(id, on: database), row.codeAcceptedAt != nil, row.completedAt == nil,
              now < row.expiresAt, row.failedAttempts < VerificationChallenge.maximumAttempts, let staffID = row.staffID,
              let member = try await StaffMemberModel.find(staffID, on: database), member.removedAt == nil else {
            throw DomainError.invalid("totp", "this sign-in has ended; start again")
        }
        return (row, member)
    }

    private func countFailure(_ row: StaffSignInModel, on database: any Database) async throws {
        let failed = try await JobLease.sql(database).raw("""
            UPDATE \(ident: StaffSignInModel.schema) SET failed_attempts = failed_attempts + 1
            WHERE id = \(bind: row.requireID()) AND completed_at IS NULL RETURNING failed_attempts
            """).first()?.decode(column: "failed_attempts", as: Int.self)
        try await deny(row, (failed ?? VerificationChallenge.maximumAttempts) >= VerificationChallenge.maximumAttempts ? "locked_out" : "wrong_totp",
                       on: database)
    }

    private func deny(_ row: StaffSignInModel, _ reason: String, on database: any Database) async throws {
        let actor = row.staffID.map { "staff:\($0.wire)" } ?? "console"
        try await context.audit.record([AuditChain.Draft(time: context.clock.now, actor: actor, action: .staffSignIn, result: "denied:\(reason)")],
                                       on: database)
    }

    /// Marks the sign-in complete (once) and opens the session in one audited transaction.
    private func complete(_ row: StaffSignInModel, member: StaffMemberModel, audit result: String, on database: any Database) async throws -> String {
        let now = context.clock.now
        let id = try row.requireID(), staffID = try member.requireID()
        let sessions = self.sessions
        return try await context.write(on: database) { database in
            let claimed = try await JobLease.sql(database).raw("""
                UPDATE \(ident: StaffSignInModel.schema) SET completed_at = \(bind: now)
                WHERE id = \(bind: id) AND completed_at IS NULL RETURNING id
                """).first() != nil
            guard claimed else { throw DomainError.conflict("code", "this sign-in was already used") }
            let token = try await sessions.open(for: staffID, on: database)
            return (token, [AuditChain.Draft(time: now, actor: "staff:\(staffID.wire)", action: .staffSignIn, result: result)])
        }
    }
}
