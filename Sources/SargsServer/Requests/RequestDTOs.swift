import Foundation
import SargsCore
import Vapor

/// `POST /v1/requests`.
struct SubmitRequestBody: Content {
    var type: String
    var subjectId: UUID?
    var email: String?
    var language: String
    var channel: String
    var details: RequestDetails?
    var representative: Representative?
    /// The requester's IP address as seen by the calling system (for the rate limit); defaults to the caller's.
    var clientIp: String?
    /// For a request that arrived by e-mail or post and is entered by staff: the day it reached the
    /// controller (YYYY-MM-DD, not in the future, at most a year ago); the deadline runs from it.
    var receivedOn: String?

    enum CodingKeys: String, CodingKey {
        case type, subjectId = "subject_id", email, language, channel, details, representative, clientIp = "client_ip",
            receivedOn = "received_on"
    }
}

/// What the requester asked for, by type. Sealed at rest.
struct RequestDetails: Content, Equatable {
    /// Rectification: category → corrected value.
    var corrections: [String: String]?
    /// Objection or withdrawal: the purposes concerned (default: every purpose it can concern).
    var purposes: [String]?
    /// Objection: to direct marketing (absolute, Art. 21(3)).
    var directMarketing: Bool?
    /// Free text from the requester (the automated decision to review, the reasons of an objection).
    var text: String?
    /// Portability: an https URL of another controller to transmit the data to directly (Art. 20(2)).
    var transmitTo: String?

    enum CodingKeys: String, CodingKey {
        case corrections, purposes, directMarketing = "direct_marketing", text, transmitTo = "transmit_to"
    }
}

/// Someone acting for the subject (Art. 12; the seeds require proof of authority).
struct Representative: Content, Equatable {
    var name: String
    var contact: String
    /// What proves the authority, e.g. "notarised power of attorney no. 123".
    var proof: String?
}

/// What is sealed on a request row.
struct RequestPrivateData: Codable {
    var email: String?
    var details: RequestDetails?
    var representative: Representative?
}

struct VerifyBody: Content {
    var code: String?
    var attestation: Attestation?

    /// Staff attestation for requests that arrive otherwise (e.g. signed with a qualified electronic signature).
    struct Attestation: Content {
        var method: String
        var checked: String
        /// Required when the policy asks the request's channel for a signature.
        var signature: Signature?
    }

    /// The signature staff validated.
    struct Signature: Content {
        /// `electronic`, `qualified_electronic` or `handwritten`.
        var kind: String
        /// Who signed, as the signature names them.
        var signer: String
        /// `valid`; a signature that fails validation is a reason to reject the request instead.
        var validation: String
        /// The day it was validated, YYYY-MM-DD (default today).
        var validatedOn: String?

        enum CodingKeys: String, CodingKey { case kind, signer, validation, validatedOn = "validated_on" }
    }
}

/// `POST /v1/requests/{id}/challenge`: a new code, optionally naming the requester's IP for the rate limit.
struct ChallengeBody: Content {
    var clientIp: String?

    enum CodingKeys: String, CodingKey { case clientIp = "client_ip" }
}

struct ExtendBody: Content {
    /// ISO 8601 duration added to the answer period, e.g. P2M; default the profile's maximum.
    var by: String?
    var reasons: String
}

/// `POST /v1/requests/{id}/systems/{system}/resolve`: why the system is closed by hand
/// (`done_outside`, `not_applicable`) and, for work done outside Sargs, how many records it concerned.
struct ResolveSystemBody: Content {
    var reason: String
    var records: Int?
}

struct ApproveBody: Content {
    var note: String?
    var fee: Fee?
    /// For an objection written only in free text: what staff decided it concerns.
    var objection: ObjectionDecision?

    /// The purposes an objection concerns, or direct marketing, as staff read the person's words.
    struct ObjectionDecision: Content, Equatable {
        var purposes: [String]?
        var directMarketing: Bool?

        enum CodingKeys: String, CodingKey { case purposes, directMarketing = "direct_marketing" }
    }

    /// Art. 12(5)(a): a reasonable fee for a manifestly unfounded or excessive request.
    struct Fee: Content {
        var amount: String
        var reason: String
    }
}

struct CompleteBody: Content {
    var note: String
}

struct RejectBody: Content {
    var reason: String
    var kind: Kind

    typealias Kind = RejectionKind
}

/// A request as the API shows it.
struct RequestView: Content {
    var id: String
    var type: String
    var status: String
    var subjectId: String?
    var channel: String
    var language: String
    var receivedOn: String
    var dueOn: String
    var latestDueOn: String?
    var invalidNoticeDueOn: String
    /// The signature staff must attest before the request is verified (the policy's rule for its channel).
    var signatureRequired: String?
    var extended: Bool
    var overdue: Bool
    var pausedDays: Int
    var outcome: RequestOutcome?
    var events: [Event]?
    var recipients: [RecipientStatus]?
    var messages: [MessageStatus]?
    /// For a requester without an e-mail address: the latest message, to send by post.
    var letter: Letter?
    /// The company's own systems the request reaches (issue 25), each with where it stands.
    var systems: [SystemStatus]?

    /// One company system's part: `pending`, `done` (with counts) or `failed` (with the reason).
    struct SystemStatus: Content {
        struct Collection: Content {
            var name: String
            var rows: Int
            /// For an erasure: `deleted`, `emptied` or `kept`.
            var action: String?
            var emptied: [String]?
            var kept: [String]?
            /// For a rectification: the fields set to the corrected value.
            var rectified: [String]?
        }

        /// A field kept despite the erasure: its category, the Art. 17(3) grounds and until when.
        struct Kept: Content {
            var field: String
            var category: String
            var grounds: [String]
            var until: String?
        }

        var system: String
        /// `dataset`, `processor`, `manual`, or `unknown` when the policy no longer names it.
        var kind: String
        var status: String
        var rows: Int?
        var failure: String?
        var attempts: Int
        var updatedAt: Date
        var collections: [Collection]?
        var kept: [Kept]?
        /// When a waiting system should be done.
        var dueAt: Date?
        /// A waiting system past `dueAt`.
        var late: Bool?
        /// A processor's last `request_status`.
        var progress: String?
        /// A manual system's owner.
        var owner: String?
        /// When a processor that could not be reached is tried again.
        var retryAt: Date?
        /// What else the system reported: why a restriction was not marked, who confirmed a manual
        /// task, why nothing was sent to a processor.
        var note: String?
        /// Closed by hand by staff: `done_outside` or `not_applicable`, and who closed it.
        var resolution: String? = nil
        var resolvedBy: String? = nil
    }

    struct Letter: Content {
        var language: String
        var subject: String
        var body: String
    }

    struct Event: Content {
        var action: String
        var status: String
        var actor: String
        var at: Date
        var note: String?
    }

    struct RecipientStatus: Content {
        var recipient: String
        var method: String
        var deliveredAt: Date?
        var confirmedAt: Date?
        var failed: Bool
    }

    struct MessageStatus: Content {
        var kind: String
        var topic: String
        var attempts: Int
        var deliveredAt: Date?
        var failedAt: Date?
        var lastError: String?
    }
}

/// What was done, with no personal value: categories, grounds, recipients, dates.
struct RequestOutcome: Content, Equatable {
    var erased: [String]?
    var kept: [Kept]?
    var shredded: Bool?
    var purposes: [String]?
    var directMarketing: Bool?
    var recipients: [String]?
    var rectified: [String]?
    var exportExpiresAt: Date?
    /// Portability: the data was queued for direct transmission to another controller.
    var transmitted: Bool?
    var noData: Bool?
    var fee: String?
    var rejection: String?

    struct Kept: Content, Equatable {
        var category: String
        var grounds: [String]
        var until: String?
    }
}

struct RequestList: Content {
    var requests: [RequestView]
    /// The offset of the next page; absent on the last page.
    var nextOffset: Int?
}
