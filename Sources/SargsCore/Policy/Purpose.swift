/// A purpose of processing: why data is used, on what legal ground, and for how long.
public struct Purpose: Sendable, Hashable, Codable {
    /// The policy's own identifier, referenced by recipients, cookies and (later) the API.
    public var id: String
    /// The fideslang data use this purpose is an instance of, e.g. `marketing.communications.email`.
    public var use: String
    public var label: LocalizedText
    public var description: LocalizedText
    public var legalBasis: LegalBasis
    /// The Art. 9(2) condition, required when a special category is used.
    public var specialCategoryCondition: SpecialCategoryCondition?
    /// The legitimate interest pursued, required for basis (f) (Art. 13(1)(d)).
    public var legitimateInterest: LocalizedText?
    public var dataSubjects: [String]
    public var categories: [String]
    /// How the purpose contacts people; required for communication purposes.
    public var channels: [ContactChannel]
    /// Whether providing the data is a statutory or contractual requirement (Art. 13(2)(e)).
    public var requirement: Requirement?
    /// Automated decision-making or profiling (Art. 13(2)(f), 22).
    public var automatedDecision: AutomatedDecision?
    /// Where the data comes from when not from the subject (Art. 14(2)(f)).
    public var source: DataSource?
    /// Identifier of the retention rule that governs this purpose.
    public var retention: String
    /// True when the purpose establishes, exercises or defends legal claims: it continues while
    /// processing is restricted (Art. 18(2)) and survives erasure (Art. 17(3)(e)).
    public var legalClaims: Bool

    /// True for direct marketing (fideslang `marketing.*`), to which an objection is absolute (Art. 21(3)).
    public var isDirectMarketing: Bool { use == "marketing" || use.hasPrefix("marketing.") }
}

/// Lawful bases of GDPR Art. 6(1)(a)–(f); the Ukrainian and Belarusian laws use the same grounds.
public enum LegalBasis: String, Sendable, Hashable, Codable, CaseIterable {
    case consent
    case contract
    case legalObligation = "legal_obligation"
    case vitalInterests = "vital_interests"
    case publicTask = "public_task"
    case legitimateInterests = "legitimate_interests"

    /// The GDPR provision, e.g. Article 6(1)(a).
    public var article: ArticleReference {
        let points = ["a", "b", "c", "d", "e", "f"]
        return ArticleReference(6, 1, points[Self.allCases.firstIndex(of: self)!])
    }
}

/// Conditions of GDPR Art. 9(2)(a)–(j) for special categories of data.
public enum SpecialCategoryCondition: String, Sendable, Hashable, Codable, CaseIterable {
    case explicitConsent = "explicit_consent"
    case employmentAndSocialSecurity = "employment_social_security"
    case vitalInterests = "vital_interests"
    case notForProfitBody = "not_for_profit_body"
    case madePublicBySubject = "made_public_by_subject"
    case legalClaims = "legal_claims"
    case substantialPublicInterest = "substantial_public_interest"
    case healthOrSocialCare = "health_or_social_care"
    case publicHealth = "public_health"
    case archivingResearchStatistics = "archiving_research_statistics"

    /// The GDPR provision, e.g. Article 9(2)(a).
    public var article: ArticleReference {
        let letters = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        return ArticleReference(9, 2, letters[Self.allCases.firstIndex(of: self)!])
    }
}

/// A way of contacting a person.
public enum ContactChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case email
    case sms
    case phoneCall = "phone_call"
    case automatedCall = "automated_call"
    case push
    case post
    case instantMessage = "instant_message"
    case socialMedia = "social_media"
}

/// Whether providing the data is required, and what happens if it is not (Art. 13(2)(e)).
public struct Requirement: Sendable, Hashable, Codable {
    public var kind: Kind
    public var consequence: LocalizedText?

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case statutory
        case contractual
        /// Required to enter into a contract.
        case contractPrerequisite = "contract_prerequisite"
        case voluntary
    }
}

/// Automated decision-making, including profiling (Art. 22).
public struct AutomatedDecision: Sendable, Hashable, Codable {
    public var profiling: Bool
    /// True when the decision is based solely on automated processing with legal or similarly significant effects.
    public var solelyAutomated: Bool
    public var logic: LocalizedText
    public var effect: LocalizedText
}

/// Where data comes from when not collected from the subject (Art. 14(2)(f)).
public struct DataSource: Sendable, Hashable, Codable {
    public var kind: Kind
    public var description: LocalizedText?

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case subject
        case thirdParties = "third_parties"
        case publicSources = "public_sources"
        case observed
    }
}
