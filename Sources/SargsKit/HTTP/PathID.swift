import Foundation
import SargsCore
import Vapor

/// Ids taken from a path: a malformed one is a 400 naming the parameter, never a 404.
public enum PathID {
    /// The UUID in `raw`, or a malformed-field error naming `field`.
    public static func parse(_ raw: String?, field: String) throws -> UUID {
        guard let raw, let id = UUID(uuidString: raw) else { throw DomainError.malformed(field, "must be a UUID") }
        return id
    }
}

extension Parameters {
    /// The id in the path parameter `name`, parsed once in the route: a malformed one is a 400
    /// naming `field` (`DomainError.malformed`), never a 404, and services only ever see a UUID.
    public func require(_ name: String, as type: UUID.Type, field: String) throws -> UUID {
        try PathID.parse(get(name), field: field)
    }
}

extension Request {
    /// The id in the query parameter `name`, or nil when it is absent; a malformed one (an empty one
    /// too, unless `emptyIsAbsent`: a form's unused filter field) is a 400 naming it.
    public func uuidQuery(_ name: String, emptyIsAbsent: Bool = false) throws -> UUID? {
        guard let raw = queryParameter(name) else { return nil }
        if raw.isEmpty, emptyIsAbsent { return nil }
        guard let id = UUID(uuidString: raw) else { throw DomainError.malformed(name, "must be a UUID") }
        return id
    }
}
