/// Why an exchange with a processor over OpenDSR was refused. The descriptions name no value of a
/// person and no credential: they are shown to staff and kept on the request's system row.
public enum OpenDSRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pinned certificate cannot be used.
    case certificate(String)
    /// A signature did not verify over the body received.
    case signature
    /// The domain is not one the policy names.
    case unknownProcessor(String)
    /// The processor answered in a way OpenDSR does not allow.
    case protocolViolation(String)
    /// The processor refused the request (its HTTP status and its own words, without values).
    case refused(status: UInt, reason: String)
    /// The processor could not be reached or answered 429/5xx: worth retrying later.
    case unavailable(String)

    public var description: String {
        switch self {
        case .certificate(let reason): return "processor certificate: \(reason)"
        case .signature: return "the processor's signature does not verify against its pinned certificate"
        case .unknownProcessor(let reason): return reason
        case .protocolViolation(let reason): return "the processor broke OpenDSR: \(reason)"
        case .refused(let status, let reason): return "the processor refused the request (HTTP \(status)): \(reason)"
        case .unavailable(let reason): return "the processor is unavailable: \(reason)"
        }
    }

    /// Whether trying again later may succeed without anyone changing anything.
    public var isTransient: Bool {
        if case .unavailable = self { return true }
        return false
    }
}
