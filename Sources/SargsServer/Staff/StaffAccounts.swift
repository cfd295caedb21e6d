import Fluent
import Foundation
import SargsCore
import SargsKit

/// Console staff accounts (`sargs staff add|list|remove`). A member has one of the roles an API
/// key can have, except `service`, and the same permissions (`Permission`).
public struct StaffAccounts: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let serverClock: ServerClock

    /// A member as `sargs staff list` shows them.
    public struct Member: Sendable, Codable, Equatable {
        public let id: UUID
        public let email: String
        public let name: String?
        public let role: Role
        public let secondFactor: Bool
        public let createdAt: Date
    }

    /// What can go wrong managing staff, named for the command line.
    public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidEmail(String)
        case serviceRole
        case alreadyStaff
        case notFound

        public var description: String {
            switch self {
            case .invalidEmail(let reason): return "EMAIL \(reason)"
            case .serviceRole:
                return "--role: staff are admin, dpo or agent; service is for API keys of company systems"
            case .alreadyStaff: return "EMAIL already belongs to a staff member"
            case .notFound: return "no staff member with this e-mail address"
            }
        }
    }

    static let emailContext = "staff-email"
    static let nameContext = "staff-name"
    static let totpContext = "staff-totp"

    /// Adds a member; audited with the member's id and role, never the address.
    public func add(
        email raw: String, role: Role, name: String?, actor: String, on database: any Database
    ) async throws -> Member {
        guard role != .service else { throw AccountError.serviceRole }
        let email: String
        do { email = try ContactValue.normalisedEmail(raw) } catch {
            throw AccountError.invalidEmail(error.description)
        }
        let index = Self.index(email, master: keys.master)
        let existing = try await StaffMemberModel.query(on: database).filter(\.$emailIndex == index).first()
        if let existing, existing.removedAt == nil { throw AccountError.alreadyStaff }
        let now = serverClock.now
        // Someone removed and added again keeps their id (the audit trail's `staff:<id>`), starts
        // without a second factor, and takes the new role and name.
        let member = existing ?? StaffMemberModel()
        member.id = existing?.id ?? UUID()
        member.removedAt = nil
        member.totpSealed = nil
        member.totpLastStep = nil
        member.emailIndex = index
        member.emailSealed = try Vault.sealService(
            Data(email.utf8), context: Self.emailContext, with: keys.master)
        member.nameSealed = try name.flatMap { $0.isEmpty ? nil : $0 }.map {
            try Vault.sealService(Data($0.utf8), context: Self.nameContext, with: keys.master)
        }
        member.role = role
        member.createdAt = now
        let memberChange = try ModelWrite(changing: member)
        let memberID = try member.requireID()
        try await store.write(on: database) { database in
            try await memberChange.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .staffAdd, result: AuditResult.ok(memberID, role))
                ]
            )
        }
        return try view(member)
    }

    /// Every member still on the staff, oldest first.
    public func list(on database: any Database) async throws -> [Member] {
        try await StaffMemberModel.query(on: database).filter(\.$removedAt == nil).sort(\.$createdAt).all().map(view)
    }

    /// Removes a member and ends their sessions at once. The row stays (removed) so the audit
    /// trail's `staff:<id>` still names someone.
    public func remove(email raw: String, actor: String, on database: any Database) async throws {
        guard let member = try await find(email: raw, on: database) else { throw AccountError.notFound }
        let now = serverClock.now
        let id = try member.requireID()
        member.removedAt = now
        let memberChange = try ModelWrite(changing: member)
        let role = member.role
        try await store.write(on: database) { database in
            try await memberChange.run(on: database)
            try await StaffSessionModel.query(on: database).filter(\.$staffID == id).filter(\.$endedAt == nil).set(
                \.$endedAt, to: now
            ).update()
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .staffRemove, result: AuditResult.ok(id, role))
                ]
            )
        }
    }

    /// The member with this address who has not been removed, if any.
    func find(email raw: String, on database: any Database) async throws -> StaffMemberModel? {
        guard let email = try? ContactValue.normalisedEmail(raw) else { return nil }
        return try await StaffMemberModel.query(on: database).filter(
            \.$emailIndex == Self.index(email, master: keys.master)
        )
        .filter(\.$removedAt == nil).first()
    }

    func email(of member: StaffMemberModel) throws -> String {
        String(
            decoding: try Vault.openService(member.emailSealed, context: Self.emailContext, with: keys.master),
            as: UTF8.self)
    }

    func name(of member: StaffMemberModel) throws -> String? {
        try member.nameSealed.map {
            String(
                decoding: try Vault.openService($0, context: Self.nameContext, with: keys.master), as: UTF8.self)
        }
    }

    func view(_ member: StaffMemberModel) throws -> Member {
        Member(
            id: try member.requireID(), email: try email(of: member), name: try name(of: member), role: member.role,
            secondFactor: member.totpSealed != nil, createdAt: member.createdAt)
    }

    static func index(_ normalisedEmail: String, master: MasterKey) -> String {
        master.authenticate(normalisedEmail, for: .staffIndex)
    }
}
