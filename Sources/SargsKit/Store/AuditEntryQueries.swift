import Fluent
import SargsCore

extension QueryBuilder where Model == AuditEntryModel {
    /// The entries of one action.
    public func filter(action: AuditAction) -> Self { filter(\.$action == action.rawValue) }
}
