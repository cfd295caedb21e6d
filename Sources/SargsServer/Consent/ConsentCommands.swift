import Foundation
import SargsCore

/// Record a consent or its withdrawal, with its evidence.
struct RecordConsent: Sendable {
    /// What shows how the consent was given.
    struct Evidence: Sendable {
        var ip: String?
        var userAgent: String?
        var verifiedBy: String?
        /// For written consent: the signed document's or the e-signature's reference.
        var document: String?
    }

    /// Who gave a child's consent (GDPR Art. 8(1)), and what shows their authority.
    struct GivenBy: Sendable {
        enum Relation: String, Sendable {
            case parent
            case guardian
            case legalRepresentative = "legal_representative"
        }

        var relation: Relation
        var name: String
        var evidence: String
    }

    var purpose: String
    var channel: ContactChannel?
    var state: ConsentEvent.State
    var method: String
    var evidence = Evidence()
    var givenBy: GivenBy?
    /// An import's past moment; now when nil.
    var at: Date?
    /// Held pending until the subject enters a code sent by e-mail.
    var confirmedByEmailCode = false
    /// Prefix of the field names problems name (an import line's, or none).
    var field = ""
}

/// The result of a consent that waits for its code.
struct PendingConsent: Sendable {
    var id: UUID
    var purpose: String
    var confirmed: Bool
    var verificationChannel: String
    var expiresAt: Date
    var consentEventID: UUID?
}

/// Record that the subject has a relationship (a contract) with the controller.
struct AddRelationship: Sendable {
    var kind: String
    var start: Date
    var end: Date?
    var field = ""
}

/// Record an objection (Art. 21): to one purpose, every purpose it can cover, or direct marketing.
struct AddObjection: Sendable {
    var purpose: String?
    var directMarketing: Bool
    /// An import's past moment; now when nil.
    var at: Date?
}

/// Lift a restriction (Art. 18(3)): the subject is told first unless staff told them otherwise.
struct LiftRestriction: Sendable {
    var subjectID: UUID
    var restrictionID: UUID
    var reason: String?
    var effectiveAt: Date?
    var subjectInformed: Bool
}

/// When a lift takes effect and whether a notice went out.
struct LiftedRestriction: Sendable {
    var id: UUID
    var effectiveAt: Date
    var noticeSent: Bool
}
