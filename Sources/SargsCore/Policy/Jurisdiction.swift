/// The legal regime a policy is written under, with the file's own overrides.
public struct JurisdictionSettings: Sendable, Hashable, Codable {
    public var profile: ProfileKind
    /// EU member state for `eu-gdpr` (ISO 3166-1 alpha-2), which sets e.g. the child-consent age.
    public var memberState: String?
    /// Overrides the profile's response deadline for requests (ISO 8601 duration).
    public var responseDeadline: String?
    /// Overrides the profile's maximum extension (ISO 8601 duration).
    public var maximumExtension: String?
    /// Overrides the age of digital consent (GDPR Art. 8).
    public var childConsentAge: Int?
    /// Overrides the rights the profile grants.
    public var rights: [Right]?
    /// Countries to which data may flow without a transfer safeguard; overrides the profile's list.
    public var freeTransferCountries: [String]?
    /// Overrides the hours within which a breach is notified to the authority (0: no duty).
    public var breachNoticeHours: Int?
    /// The controller's IANA time zone (`Europe/Riga`); default the country's.
    public var timeZone: String?

    /// The supported legal regimes.
    public enum ProfileKind: String, Sendable, Hashable, Codable, CaseIterable {
        case euGDPR = "eu-gdpr"
        case ukraine = "ua"
        case belarus = "by"
    }
}

/// A data-subject right a notice explains and the system honours.
public enum Right: String, Sendable, Hashable, Codable, CaseIterable {
    case access
    case rectification
    case erasure
    case restriction
    case objection
    case portability
    case withdrawConsent = "withdraw_consent"
    case automatedDecision = "automated_decision"
    case recipientsInformation = "recipients_information"
    case complaint
}
