import Foundation
import SargsCore

/// A data-subject request as it arrives, on any channel (API, privacy center, console).
struct DataRequestSubmission: Sendable {
    var type: RequestType
    /// The subject, when the caller knows its id.
    var subjectID: UUID?
    /// The requester's address: finds the subject, or answers a requester Sargs does not know.
    var email: String?
    var language: String
    var channel: RequestChannel.Kind
    var details: RequestDetails?
    var representative: Representative?
    /// The requester's IP address as the calling system saw it (for the rate limit).
    var clientIP: String?
    /// For a request that arrived by e-mail or post and is entered by staff: the day it reached the controller.
    var receivedOn: CivilDate?
}

/// How staff verified a requester's identity.
enum RequestVerification: Sendable {
    /// The code the requester was sent.
    case code(String)
    /// Staff checked the identity another way (and, where the policy asks, validated a signature).
    case attestation(Attestation)

    struct Attestation: Sendable {
        var method: String
        var checked: String
        var signature: Signature?
    }

    /// The signature staff validated.
    struct Signature: Sendable {
        var kind: RequestRules.SignatureRequirement
        var signer: String
        /// The day it was validated; today when nil.
        var validatedOn: CivilDate?
    }
}

/// Staff approve a request: optionally a fee (Art. 12(5)(a)) and, for an objection in free text, what it concerns.
struct DataRequestApproval: Sendable {
    struct Fee: Sendable {
        var amount: String
        var reason: String
    }

    /// The purposes an objection concerns, or direct marketing, as staff read the person's words.
    struct ObjectionReading: Sendable, Equatable {
        var purposes: [String]?
        var directMarketing: Bool
    }

    var note: String?
    var fee: Fee?
    var objection: ObjectionReading?
}

/// Why a request is refused (Art. 12(4), 12(5)).
enum RejectionKind: String, Codable, CaseIterable, Sendable {
    case invalid
    case identityNotVerified = "identity_not_verified"
    /// Art. 12(5)(b).
    case manifestlyUnfounded = "manifestly_unfounded"
    case excessive
    /// Art. 23 or national law restricts the right.
    case restrictedByLaw = "restricted_by_law"
}
