import Foundation
import SargsCore
import SargsKit

extension Role: AuditResultPart {}

extension DomainError {
    /// A 403 naming the permission, the roles that hold it and the caller's role.
    static func missing(_ permission: Permission, role: Role) -> DomainError {
        let roles = Role.allCases.filter(permission.roles.contains).map(\.rawValue).joined(separator: ", ")
        return .forbidden(
            "\(permission.rawValue) needs one of the roles \(roles); the caller has role \(role.rawValue)")
    }
}
