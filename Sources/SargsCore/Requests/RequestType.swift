/// The kinds of data-subject request Sargs runs, one per right.
public enum RequestType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Art. 15: confirmation, a copy and the Art. 15(1)(a)–(h) information.
    case access
    /// Art. 16.
    case rectification
    /// Art. 17.
    case erasure
    /// Art. 18.
    case restriction
    /// Art. 21; an objection to direct marketing is absolute (Art. 21(3)).
    case objection
    /// Art. 20: data the subject provided, processed by automated means on consent or contract.
    case portability
    /// Art. 7(3).
    case withdrawConsent = "withdraw_consent"
    /// Art. 19 second sentence; Ukrainian Law 2297-VI Art. 8(2)(2).
    case recipients
    /// Art. 22(3): human intervention in a decision based solely on automated processing.
    case automatedDecisionReview = "automated_decision_review"
    /// Art. 13, 14 and 15(1)(a)-(h): information about how the controller processes personal data,
    /// without a copy — answered with the notice and the purposes and categories held about the
    /// person. A policy may exempt it from a signature rule (`signature_exempt`), as Coral Travel LT
    /// does (seed 004 l.150); Belarus's Law 99-Z Art. 11 gives it five working days.
    case information

    /// The right the request exercises, as the jurisdiction profile lists it.
    public var right: Right {
        switch self {
        case .access: return .access
        case .rectification: return .rectification
        case .erasure: return .erasure
        case .restriction: return .restriction
        case .objection: return .objection
        case .portability: return .portability
        case .withdrawConsent: return .withdrawConsent
        case .recipients: return .recipientsInformation
        case .automatedDecisionReview: return .automatedDecision
        case .information: return .access
        }
    }

    /// The GDPR provision the request rests on.
    public var article: ArticleReference {
        switch self {
        case .access: return ArticleReference(15)
        case .rectification: return ArticleReference(16)
        case .erasure: return ArticleReference(17)
        case .restriction: return ArticleReference(18)
        case .objection: return ArticleReference(21)
        case .portability: return ArticleReference(20)
        case .withdrawConsent: return ArticleReference(7, 3)
        case .recipients: return ArticleReference(19)
        case .automatedDecisionReview: return ArticleReference(22, 3)
        case .information: return ArticleReference(15, 1)
        }
    }

    /// Whether carrying the request out changes data that recipients must be told of (Art. 19).
    public var notifiesRecipients: Bool {
        self == .rectification || self == .erasure || self == .restriction
    }

    /// Whether Sargs can carry the request out without a person deciding its substance.
    /// A review of an automated decision needs a human by definition (Art. 22(3)).
    public var isAutomatic: Bool { self != .automatedDecisionReview }
}
