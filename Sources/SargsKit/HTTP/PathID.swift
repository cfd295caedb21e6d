import Foundation
import SargsCore

/// Ids taken from a path: a malformed one is a 400 naming the parameter, never a 404.
public enum PathID {
    /// The UUID in `raw`, or a malformed-field error naming `field`.
    public static func parse(_ raw: String?, field: String) throws -> UUID {
        guard let raw, let id = UUID(uuidString: raw) else { throw DomainError.malformed(field, "must be a UUID") }
        return id
    }
}
