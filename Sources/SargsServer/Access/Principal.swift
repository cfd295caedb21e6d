import Foundation
import SargsCore
import SargsKit
import Vapor

/// What an API key may do.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Everything, including the audit log.
    case admin
    /// The privacy officer: reads data for any purpose, reads the audit log, records objections and restrictions.
    case dpo
    /// Staff handling subjects: stores and reads data, records consents and facts.
    case agent
    /// A company system: decides and reads only for the purposes its key lists.
    case service
}

/// The authenticated caller of a request: an API key, or a staff member signed in to the console.
struct Principal: Authenticatable, Sendable {
    let role: Role
    /// Purposes a service key is limited to.
    let purposes: Set<String>
    /// Who the audit trail names: `key:<id>` or `staff:<id>`, never a personal value.
    let actor: String

    init(keyID: String, role: Role, purposes: Set<String>) {
        self.role = role
        self.purposes = purposes
        actor = "key:\(keyID)"
    }

    init(staff id: UUID, role: Role) {
        self.role = role
        purposes = []
        actor = "staff:\(id.wire)"
    }

    /// Whether this caller holds `permission` (the table in `Permission`).
    func may(_ permission: Permission) -> Bool { permission.isGranted(to: role) }

    /// Whether this caller may act for `purpose` (service keys only for their own purposes).
    func mayUse(purpose: String) -> Bool { role != .service || purposes.contains(purpose) }
}

extension Principal {
    /// This caller, if it holds `permission`; a 403 problem naming the permission otherwise.
    func requiring(_ permission: Permission) throws -> Principal {
        guard may(permission) else { throw DomainError.missing(permission, role: role) }
        return self
    }
}

extension Request {
    /// The caller, or a 401 problem when the request carries no valid key.
    func principal() throws -> Principal {
        guard let principal = auth.get(Principal.self) else {
            throw DomainError.unauthenticated(
                "send an API key as 'Authorization: Bearer sargs_…'; create one with `sargs keys create`")
        }
        return principal
    }

    /// The caller, if it holds `permission`; 403 otherwise.
    func principal(for permission: Permission) throws -> Principal {
        try principal().requiring(permission)
    }
}
