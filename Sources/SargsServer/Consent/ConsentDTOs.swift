import SargsCore
import SargsKit
import Vapor

/// `POST /v1/subjects/{id}/consents`
struct ConsentRequest: Content {
    struct Evidence: Content {
        var ip: String?
        var userAgent: String?
        var verifiedBy: String?
        /// For written consent: the signed document's or the e-signature's reference.
        var document: String?

        enum CodingKeys: String, CodingKey { case ip, userAgent = "user_agent", verifiedBy = "verified_by", document }
    }

    var purpose: String
    var channel: String?
    var state: String
    var method: String
    var evidence: Evidence?
    /// A consent given for a child by a holder of parental responsibility (GDPR Art. 8(1)).
    var givenBy: GivenBy?
    /// For imports: when it was given or withdrawn (RFC 3339, not in the future, not before collection); default now.
    var at: Date?
    /// Confirm by a one-time code: the consent is pending until the subject enters it.
    var verification: Verification?

    /// Who gave the consent for the subject, and what shows their authority.
    struct GivenBy: Content {
        /// `parent`, `guardian` or `legal_representative`.
        var relation: String
        var name: String
        /// E.g. "birth certificate checked at the counter", "ID of the parent named on the booking".
        var evidence: String

    }

    struct Verification: Content {
        /// How the code is sent: `email`.
        var channel: String
    }

    enum CodingKeys: String, CodingKey {
        case purpose, channel, state, method, evidence, givenBy = "given_by", at, verification
    }
}

/// `POST /v1/subjects/{id}/consents/pending/{pendingID}/confirm`
struct ConfirmConsentBody: Content {
    var code: String
}

/// A consent waiting for its code.
struct PendingConsentView: Content {
    var id: String
    var purpose: String
    var state: String
    var verificationChannel: String
    var expiresAt: Date
    /// The ledger entry, once confirmed.
    var consentEventId: String?

    enum CodingKeys: String, CodingKey {
        case id, purpose, state, verificationChannel = "verification_channel", expiresAt = "expires_at",
            consentEventId = "consent_event_id"
    }
}

/// One ledger entry as the API shows it; evidence values are never returned.
struct ConsentEventResponse: Content {
    var id: String
    var purpose: String
    var channel: String?
    var state: String
    var method: String
    var verifiedBy: String?
    var policyVersion: String
    var noticeHash: String
    var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, purpose, channel, state, method, verifiedBy = "verified_by", policyVersion = "policy_version",
            noticeHash = "notice_hash", recordedAt = "recorded_at"
    }

    init(_ event: ConsentEventModel) {
        id = (event.id ?? UUID()).wire
        purpose = event.purpose
        channel = event.channel?.rawValue
        state = event.state.rawValue
        method = event.method
        verifiedBy = event.verifiedBy
        policyVersion = event.policyVersion
        noticeHash = event.noticeHash
        recordedAt = event.recordedAt
    }
}

struct ConsentOverview: Content {
    struct Current: Content {
        var purpose: String
        var channel: String?
        var state: String
        var since: Date
        /// When a given consent expires under its rule's maximum period.
        var expiresAt: Date?

        enum CodingKeys: String, CodingKey { case purpose, channel, state, since, expiresAt = "expires_at" }
    }

    var current: [Current]
    var history: [ConsentEventResponse]
}

/// `POST /v1/subjects/{id}/relationships`
struct RelationshipRequest: Content {
    var kind: String
    var start: Date
    var end: Date?
}

/// `POST /v1/subjects/{id}/transactions`: when an accounting record about the subject was made.
struct TransactionRequest: Content {
    var at: Date
}

/// The subject's latest accounting record after a transaction was recorded.
struct TransactionView: Content {
    var lastTransactionAt: Date

    enum CodingKeys: String, CodingKey { case lastTransactionAt = "last_transaction_at" }
}

/// `POST /v1/subjects/{id}/objections`
struct ObjectionRequest: Content {
    var purpose: String?
    var directMarketing: Bool?
    var reason: String?
    /// For imports: when the subject objected (RFC 3339, not in the future, not before collection); default now.
    var at: Date?

    enum CodingKeys: String, CodingKey { case purpose, directMarketing = "direct_marketing", reason, at }
}

/// `POST /v1/subjects/{id}/restrictions`
struct RestrictionRequest: Content {
    var purpose: String?
    var reason: String?
}

/// `POST /v1/subjects/{id}/restrictions/{rid}/lift`
struct LiftRequest: Content {
    var reason: String?
    var effectiveAt: Date?
    var subjectInformed: Bool?

    enum CodingKeys: String, CodingKey {
        case reason, effectiveAt = "effective_at", subjectInformed = "subject_informed"
    }
}

struct LiftResponse: Content {
    var id: String
    var effectiveAt: Date
    var noticeSent: Bool
}
