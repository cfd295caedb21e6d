import SargsCore
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

/// The authenticated caller of a request.
struct Principal: Authenticatable, Sendable {
    let keyID: String
    let role: Role
    /// Purposes a service key is limited to.
    let purposes: Set<String>

    var actor: String { "key:\(keyID)" }

    /// Whether this caller may act for `purpose` (service keys only for their own purposes).
    func mayUse(purpose: String) -> Bool { role != .service || purposes.contains(purpose) }
}

extension Request {
    /// The caller, or a 401 problem when the request carries no valid key.
    func principal() throws -> Principal {
        guard let principal = auth.get(Principal.self) else {
            throw DomainError.unauthenticated("send an API key as 'Authorization: Bearer sargs_…'; create one with `sargs keys create`")
        }
        return principal
    }

    /// The caller, if its role is one of `roles`; 403 otherwise.
    func principal(_ roles: Role...) throws -> Principal {
        try principal(roles)
    }

    /// The caller, if its role is one of `roles`; 403 otherwise.
    func principal(_ roles: [Role]) throws -> Principal {
        let principal = try principal()
        guard roles.contains(principal.role) else {
            throw DomainError.forbidden("this action needs one of the roles \(roles.map(\.rawValue).joined(separator: ", ")); the key has role \(principal.role.rawValue)")
        }
        return principal
    }
}
