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
    /// The controller's changes to its law's list of adequately protected destinations
    /// (`TransferLaw`), to follow a changed list before Sargs is updated; nil when none.
    public var transfers: TransferOverrides?
}

/// Countries added to or taken off the destinations the policy's law treats as adequately
/// protected: a Commission adequacy decision (GDPR Art. 45), the states of Law of Ukraine
/// No. 2297-VI Art. 29(3), the NCPDP's list under Law of Belarus No. 99-Z Art. 9.
public struct TransferOverrides: Sendable, Hashable, Codable {
    /// Countries treated as adequate although Sargs' list lacks them (or their decision has lapsed).
    /// Adding a country already listed changes nothing: the US stays limited to DPF-certified recipients.
    public var adequateCountriesAdd: [String]
    /// Countries not treated as adequate although Sargs' list has them.
    public var adequateCountriesRemove: [String]

    public init(adequateCountriesAdd: [String] = [], adequateCountriesRemove: [String] = []) {
        self.adequateCountriesAdd = adequateCountriesAdd
        self.adequateCountriesRemove = adequateCountriesRemove
    }
}

/// How data-subject requests must be made, verified and answered.
public struct RequestRules: Sendable, Hashable, Codable {
    /// Where requests can be sent.
    public var channels: [RequestChannel]
    /// Signature required on requests sent by e-mail (unless the e-mail channel sets its own).
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
        /// An electronic signature (eIDAS Art. 3(10)).
        case electronic
        /// A qualified electronic signature (eIDAS Art. 3(12)); Art. 13/14 information needs no request (the public
        /// notice).
        case qualifiedElectronic = "qualified_electronic"
        /// A handwritten signature on paper.
        case handwritten

        /// Whether a request signed this way meets `required`: a qualified electronic signature
        /// meets an electronic one (eIDAS Art. 25(2)); a handwritten one meets only itself.
        public func satisfies(_ required: SignatureRequirement) -> Bool {
            switch required {
            case .none: return true
            case .electronic: return self == .electronic || self == .qualifiedElectronic
            case .qualifiedElectronic: return self == .qualifiedElectronic
            case .handwritten: return self == .handwritten || self == .qualifiedElectronic
            }
        }
    }

    /// The signature a request of `type` arriving through `channel` must carry before staff may
    /// treat it as verified: the channel's own rule, or `email_signature` for e-mail; none for an
    /// exempt type.
    public func signature(for channel: RequestChannel.Kind, type: RequestType) -> SignatureRequirement {
        let declared = channels.first { $0.kind == channel }
        if declared?.signatureExempt.contains(type) == true { return .none }
        if let own = declared?.signature { return own }
        // The web is an electronic channel too: a policy that requires e-mailed requests to be signed
        // is not bypassed by a web form verified by an e-mailed code (a web channel may declare its own
        // rule); it inherits the e-mail channel's exemptions with it.
        guard channel == .email || channel == .web else { return .none }
        if channels.first(where: { $0.kind == .email })?.signatureExempt.contains(type) == true { return .none }
        return emailSignature
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
    /// The signature a request sent this way must carry; nil: none (for e-mail, `email_signature`).
    public var signature: RequestRules.SignatureRequirement?
    /// Request types that need no signature through this channel.
    public var signatureExempt: [RequestType]

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case email, post, web, phone
        case inPerson = "in_person"
    }
}
