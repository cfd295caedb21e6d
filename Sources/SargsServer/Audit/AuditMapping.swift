import SargsCore
import SargsKit

extension AuditAction {
    /// The action a query names (none when absent or empty); another value is a 422 naming `action`.
    static func parsed(_ raw: String?) throws -> AuditAction? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let action = AuditAction(rawValue: raw) else {
            throw DomainError.invalid("action", "is not an audit action, such as request.approve")
        }
        return action
    }
}
