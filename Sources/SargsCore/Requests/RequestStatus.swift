/// Where a data-subject request stands. The history of every change is kept as events.
public enum RequestStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case received
    case awaitingVerification = "awaiting_verification"
    case verified
    case inProgress = "in_progress"
    case completed
    case rejected

    /// Completed and rejected requests take no further action.
    public var isFinal: Bool { self == .completed || self == .rejected }
}

/// What can happen to a request.
public enum RequestAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// A one-time code was sent to the requester.
    case challenge
    /// Identity confirmed: a correct code, or staff attestation.
    case verify
    /// The deadline was extended (Art. 12(3)); the status does not change.
    case extend
    /// Staff approved it; Sargs carries it out.
    case approve
    case complete
    /// Refused with reasons (Art. 12(4)), including invalid, unverifiable, manifestly unfounded or excessive requests
    /// (Art. 12(5)).
    case reject
}

/// The request lifecycle: received → awaiting verification → verified → in progress →
/// completed | rejected. A request does not proceed unverified.
public enum RequestLifecycle {
    /// The status after `action`, or why the action is not possible now.
    public static func apply(_ action: RequestAction, to status: RequestStatus) throws(RequestError) -> RequestStatus {
        switch (action, status) {
        case (_, let current) where current.isFinal:
            throw .notAllowed(action: action, status: status)
        case (.challenge, .received), (.challenge, .awaitingVerification):
            return .awaitingVerification
        case (.verify, .received), (.verify, .awaitingVerification):
            return .verified
        case (.extend, let current):
            return current
        case (.approve, .verified):
            return .inProgress
        case (.complete, .inProgress):
            return .completed
        case (.reject, _):
            return .rejected
        default:
            throw .notAllowed(action: action, status: status)
        }
    }
}

/// Why a request or an action on it was refused. Messages name the rule, never a personal value.
public enum RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAllowed(action: RequestAction, status: RequestStatus)
    case rightNotGranted(RequestType, JurisdictionSettings.ProfileKind)
    case extensionNotAllowed(JurisdictionSettings.ProfileKind)
    case extensionTooLate(due: CivilDate)
    case extensionTooLong(latest: CivilDate)
    case extensionWithoutReasons

    public var description: String {
        switch self {
        case .notAllowed(let action, let status):
            return "a request that is \(status.rawValue) cannot be given the action '\(action.rawValue)'"
        case .rightNotGranted(let type, let profile):
            return
                """
                the right '\(type.right.rawValue)' is not granted under \
                the '\(profile.rawValue)' profile (jurisdiction.rights)
                """
        case .extensionNotAllowed(let profile):
            return
                """
                the '\(profile.rawValue)' profile allows no extension \
                of the answer period (jurisdiction.maximum_extension)
                """
        case .extensionTooLate(let due):
            return
                """
                an extension must be decided and explained within the \
                first period, which ended on \(due) (GDPR Art. 12(3))
                """
        case .extensionTooLong(let latest):
            return
                """
                the extension would pass the latest allowed answer \
                date \(latest) (GDPR Art. 12(3): two further months at most)
                """
        case .extensionWithoutReasons:
            return "an extension must give the subject its reasons (GDPR Art. 12(3))"
        }
    }
}
