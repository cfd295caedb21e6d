import Foundation

/// The short reference a person and staff quote for a request, breach or lifted restriction:
/// the first eight characters of its id, in lower case ("3f2a9c1e").
public enum RequestReference {
    public static func of(_ id: UUID) -> String { String(id.uuidString.lowercased().prefix(8)) }
}

extension VerificationChallenge.Outcome {
    /// The outcome as audit entries record it (`verified`, `wrong_code`, `locked_out`, …).
    public var label: String {
        switch self {
        case .verified: "verified"
        case .wrongCode: "wrong_code"
        case .lockedOut: "locked_out"
        case .expired: "expired"
        case .alreadyVerified: "already_verified"
        }
    }
}
