/// Why the service refused an operation, in terms of the product rather than of HTTP.
///
/// Every service in `SargsServer` throws these (or the more specific core errors they wrap); the
/// API layer maps each case to one RFC 9457 problem in exactly one place. A field is named as a
/// path into the input (`data.user.contact.email`, `details.corrections`); a detail names the
/// rule, never a personal value.
public enum DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field holds a value the rules refuse (a policy, a law or a format).
    case invalid(_ field: String, _ detail: String)
    /// The input is incomplete or malformed: a missing choice, an id that is not one.
    case malformed(_ field: String?, _ detail: String)
    /// The named thing does not exist (or no longer does, for an erased subject).
    case notFound(_ what: String)
    /// The thing's current state does not allow the operation.
    case conflict(_ field: String, _ detail: String)
    /// Too many attempts in a window; the detail says when to try again.
    case rateLimited(_ field: String?, _ detail: String)
    /// The caller is known but may not do this.
    case forbidden(_ detail: String)
    /// The caller presented no valid credential.
    case unauthenticated(_ detail: String)
    /// A signed link is invalid or has expired.
    case linkExpired

    /// The field at fault, when one is.
    public var field: String? {
        switch self {
        case .invalid(let field, _), .conflict(let field, _): return field
        case .malformed(let field, _), .rateLimited(let field, _): return field
        case .notFound, .forbidden, .unauthenticated, .linkExpired: return nil
        }
    }

    public var description: String {
        switch self {
        case .invalid(_, let detail), .malformed(_, let detail), .conflict(_, let detail), .rateLimited(_, let detail),
            .forbidden(let detail), .unauthenticated(let detail):
            return detail
        case .notFound(let what): return "\(what) does not exist"
        case .linkExpired: return "ask for a new copy through the privacy contact"
        }
    }
}
