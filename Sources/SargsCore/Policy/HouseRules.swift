/// The controller's own rules: ages, change notices, how requests are made.
public struct HouseRules: Sendable, Hashable, Codable {
    /// The minimum age to use the services (Coral Club: 18).
    public var minimumAge: Int?
    /// Days of notice before a material policy change takes effect (Coral Club: 30).
    public var changeNoticeDays: Int?
    /// Days before a consent reaches its rule's maximum period that the subject is asked, by
    /// e-mail, to renew it; no reminders when absent.
    public var consentRenewalDays: Int?
    /// Days the controller is closed besides the statutory days off (`YYYY-MM-DD`): business-day
    /// periods skip them (a one-off public holiday, Latvia's Song and Dance Festival day).
    public var closureDays: [String]?
    public var requests: RequestRules
}

/// How data-subject requests must be made, verified and answered.
public struct RequestRules: Sendable, Hashable, Codable {
    /// Where requests can be sent.
    public var channels: [RequestChannel]
    /// Signature required on requests sent by e-mail.
    public var emailSignature: SignatureRequirement
    /// Whether a representative must prove their authority.
    public var representativeProof: Bool
    /// Business days within which an invalid request is rejected with reasons.
    public var invalidRequestNoticeBusinessDays: Int?
    /// The language answers are given in.
    public var answerLanguage: AnswerLanguage
    /// Fees beyond the free-of-charge rule (Art. 12(5)), in plain words.
    public var fees: LocalizedText?
    /// Whether the answer clock stops while the requester has not yet proved their identity
    /// (an interpretation, privacy-reference.md §1.1, confidence L; off by default).
    public var pauseWhileUnverified: Bool

    public enum SignatureRequirement: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case electronic
        /// A qualified electronic signature, except for requests for Art. 13/14 information.
        case qualifiedElectronic = "qualified_electronic"
    }

    public enum AnswerLanguage: String, Sendable, Hashable, Codable, CaseIterable {
        /// The language of the request.
        case request
        /// The state language of the controller's country.
        case state
    }
}

/// A channel through which requests are accepted.
public struct RequestChannel: Sendable, Hashable, Codable {
    public var kind: Kind
    /// The e-mail address, postal address, URL or telephone number.
    public var address: String

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case email, post, web, phone
        case inPerson = "in_person"
    }
}
