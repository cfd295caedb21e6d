import Crypto
import Fluent
import Foundation
import SargsCore
import SargsKit

/// Console sessions: a random 256-bit value in the cookie, only its SHA-256 in the database, an
/// idle and an absolute expiry, and sign-out from this browser or everywhere.
struct StaffSessions: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let serverClock: ServerClock
    let settings: ConsoleSettings

    /// A signed-in staff member as the console pages see them.
    struct SignedIn: Sendable {
        let staffID: UUID
        let sessionID: UUID
        let role: Role
        let secondFactor: Bool
        /// The name the member was added with, for the page header.
        let name: String?
        var principal: Principal { Principal(staff: staffID, role: role) }
    }

    /// Opens a session; returns the cookie value (shown once, never stored).
    func open(for staffID: UUID, on database: any Database) async throws -> String {
        let token = Self.randomToken()
        let now = serverClock.now
        let session = StaffSessionModel()
        session.tokenHash = Self.hash(token)
        session.staffID = staffID
        session.createdAt = now
        session.lastSeenAt = now
        session.expiresAt = now.addingTimeInterval(settings.absoluteLifetime)
        try await session.create(on: database)
        return token
    }

    /// The staff member behind a cookie value, if the session is open, neither idle nor past its
    /// end, and the member is still on the staff. Activity is recorded at most once a minute.
    func resolve(_ token: String?, on database: any Database) async throws -> SignedIn? {
        guard let token, token.count == 43 else { return nil }
        let now = serverClock.now
        guard
            let session = try await StaffSessionModel.query(on: database).filter(\.$tokenHash == Self.hash(token))
                .first(),
            session.endedAt == nil, now < session.expiresAt,
            now.timeIntervalSince(session.lastSeenAt) < settings.idleTimeout,
            let member = try await StaffMemberModel.find(session.staffID, on: database), member.removedAt == nil
        else { return nil }
        // Activity is written at most once a minute, and often enough for short idle timeouts.
        if now.timeIntervalSince(session.lastSeenAt) >= min(60, settings.idleTimeout / 4) {
            session.lastSeenAt = now
            try await session.save(on: database)
        }
        return SignedIn(
            staffID: session.staffID, sessionID: try session.requireID(), role: member.role,
            secondFactor: member.totpSealed != nil,
            name: try StaffAccounts(keys: keys, store: store, serverClock: serverClock).name(of: member))
    }

    /// Ends this session, or every open session of the member when `everywhere`.
    func end(_ signedIn: SignedIn, everywhere: Bool, on database: any Database) async throws {
        let now = serverClock.now
        try await store.write(on: database) { database in
            var query = StaffSessionModel.query(on: database).filter(\.$staffID == signedIn.staffID).filter(
                \.$endedAt == nil)
            if !everywhere { query = query.filter(\.$id == signedIn.sessionID) }
            let open = try await query.count()
            try await query.set(\.$endedAt, to: now).update()
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: signedIn.principal.actor, action: .staffSignOut, result: "ok:\(open)")
                ]
            )
        }
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).hex }
}
