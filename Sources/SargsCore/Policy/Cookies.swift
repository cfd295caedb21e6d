/// Cookies and similar technologies, and how browser privacy signals are treated.
public struct CookiePolicy: Sendable, Hashable, Codable {
    /// Treatment of Do Not Track; nil when the policy takes no stance (the notice and the banner then say nothing of
    /// it).
    public var doNotTrack: SignalTreatment?
    public var globalPrivacyControl: SignalTreatment
    public var categories: [CookieCategory]
    /// How long a visitor's recorded choice is kept as proof of consent (Art. 7(1)); the retention
    /// run deletes older ones. ISO 8601 duration; default `defaultChoiceRetention`.
    public var choiceRetention: String?

    /// Thirteen months: the banner's own cookie lives 395 days, and the record outlives it a little.
    public static let defaultChoiceRetention = ISODuration(months: 13)

    public init(
        doNotTrack: SignalTreatment?, globalPrivacyControl: SignalTreatment, categories: [CookieCategory],
        choiceRetention: String? = nil
    ) {
        self.doNotTrack = doNotTrack
        self.globalPrivacyControl = globalPrivacyControl
        self.categories = categories
        self.choiceRetention = choiceRetention
    }

    public enum SignalTreatment: String, Sendable, Hashable, Codable, CaseIterable {
        /// The signal is treated as a refusal or withdrawal of consent to non-essential cookies.
        case honoured
        case ignored
    }
}

/// A group of cookies that share a consent choice.
public struct CookieCategory: Sendable, Hashable, Codable {
    public var kind: Kind
    public var description: LocalizedText?
    /// The purpose whose consent governs these cookies (not needed for strictly necessary ones).
    public var purpose: String?
    public var cookies: [Cookie]

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case strictlyNecessary = "strictly_necessary"
        case preferences
        case statistics
        case marketing
    }
}

/// One cookie or similar storage item.
public struct Cookie: Sendable, Hashable, Codable {
    public var name: String
    public var provider: String
    /// `session`, or an ISO 8601 duration such as `P13M`.
    public var duration: String
    public var purpose: LocalizedText
}
