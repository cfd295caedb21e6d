import SargsCore

/// Problems that name what the policy declares, shared by every feature that checks a purpose.
extension DomainError {
    /// A consent recorded for a purpose that rests on another basis.
    public static func notOnConsent(_ purpose: Purpose, field: String) -> DomainError {
        .invalid(field, "purpose '\(purpose.id)' rests on \(purpose.legalBasis.rawValue), not on consent")
    }

    /// A channel the purpose does not use.
    public static func channelNotOf(_ purpose: Purpose, field: String) -> DomainError {
        .invalid(
            field,
            "purpose '\(purpose.id)' has the channels \(purpose.channels.map(\.rawValue).joined(separator: ", "))")
    }
}

extension ContactChannel {
    /// The channel a wire value names (nil when absent); an unknown one is a 422 naming `field`.
    public static func parsed(_ raw: String?, field: String = "channel") throws -> ContactChannel? {
        guard let raw else { return nil }
        guard let channel = ContactChannel(rawValue: raw) else {
            throw DomainError.invalid(
                field, "'\(raw)' is not a channel; channels: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return channel
    }
}
