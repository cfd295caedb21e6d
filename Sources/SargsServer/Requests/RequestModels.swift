import Fluent
import Foundation
import SargsCore
import SargsKit

/// A data-subject request. Dates of the legal clock are civil dates (`YYYY-MM-DD`). The
/// requester's contact and free-text details are sealed under the service key, bound to the
/// request id; nothing personal is stored in clear.
final class RequestModel: Model, @unchecked Sendable {
    static let schema = "requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "type") var type: RequestType
    @OptionalField(key: "subject_id") var subjectID: UUID?
    @Field(key: "status") var status: RequestStatus
    @Field(key: "channel") var channel: RequestChannel.Kind
    @Field(key: "language") var language: String
    @Field(key: "received_on") var receivedOn: CivilDate
    @Field(key: "due_on") var dueOn: CivilDate
    @OptionalField(key: "latest_due_on") var latestDueOn: CivilDate?
    @Field(key: "invalid_notice_due_on") var invalidNoticeDueOn: CivilDate
    @Field(key: "paused_days") var pausedDays: Int
    @OptionalField(key: "awaiting_since") var awaitingSince: CivilDate?
    @Field(key: "extended") var extended: Bool
    /// Sealed JSON of `RequestPrivateData`.
    @Field(key: "sealed") var sealed: Data
    /// JSON of the outcome (category keys, recipient ids, dates; no personal values); read and written through
    /// `outcomeValue`.
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// Sealed JSON of the latest `RequestMessage` when no e-mail address is known: staff send it by post.
    @OptionalField(key: "letter") var letter: Data?
    /// The signature staff must attest before the request counts as verified; nil when a code will do.
    @OptionalField(key: "signature_required") var signatureRequired: RequestRules.SignatureRequirement?

    init() {}

    /// What was done, with no personal value.
    var outcomeValue: RequestOutcome? {
        get { outcome.flatMap { try? JSONDecoder().decode(RequestOutcome.self, from: Data($0.utf8)) } }
        set { outcome = newValue.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Whether the request waits for an answer past its due date, or is still unverified past the
    /// invalid-request notice date (e.g. 5 business days for Coral Travel LT/EE). The same rule as
    /// `RequestQueries.overdue`, for one loaded request.
    func isOverdue(today: CivilDate) -> Bool {
        guard !status.isFinal else { return false }
        if RequestQueries.unverifiedStatuses.contains(status),
            RequestClock.isOverdue(due: invalidNoticeDueOn, today: today)
        {
            return true
        }
        return RequestClock.isOverdue(due: dueOn, today: today)
    }
}

/// One step in a request's history. Staff's notes may name people, so they are sealed.
final class RequestEventModel: Model, @unchecked Sendable {
    static let schema = "request_events"

    /// What happened: a lifecycle action, the receipt, or a recipient's confirmation.
    enum Kind: String, Codable, Sendable {
        case received, challenge, verify, extend, approve, complete, reject
        case recipientConfirmed = "recipient_confirmed"

        init(_ action: RequestAction) {
            switch action {
            case .challenge: self = .challenge
            case .verify: self = .verify
            case .extend: self = .extend
            case .approve: self = .approve
            case .complete: self = .complete
            case .reject: self = .reject
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "action") var action: Kind
    @Field(key: "actor") var actor: String
    @Field(key: "status") var status: RequestStatus
    @OptionalField(key: "note") var note: Data?
    @Field(key: "at") var at: Date

    init() {}
}

/// An e-mail one-time-code challenge; the code itself is never stored.
final class VerificationChallengeModel: Model, @unchecked Sendable {
    static let schema = "verification_challenges"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "failed_attempts") var failedAttempts: Int
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    /// Keyed HMACs of the address and of the client IP, for the rate limits.
    @Field(key: "address_key") var addressKey: String
    @Field(key: "ip_key") var ipKey: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

}

extension VerificationChallengeModel: CodeChallengeRow {
    static let usedColumn = "verified_at"
    var usedAt: Date? { verifiedAt }
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields).
extension RequestModel: BulkInsertable {
    static let bulkColumns = [
        "id", "type", "subject_id", "status", "channel", "language", "received_on", "due_on", "latest_due_on",
        "invalid_notice_due_on", "paused_days", "awaiting_since", "extended", "sealed", "outcome", "created_at",
        "closed_at", "letter", "signature_required",
    ]
    var bulkValues: [any Encodable & Sendable] {
        [
            id, type, subjectID, status, channel, language, receivedOn, dueOn, latestDueOn, invalidNoticeDueOn,
            pausedDays, awaitingSince,
            extended, sealed, outcome, createdAt, closedAt, letter, signatureRequired,
        ]
    }
}

extension RequestEventModel: BulkInsertable {
    static let bulkColumns = ["id", "request_id", "action", "actor", "status", "note", "at"]
    var bulkValues: [any Encodable & Sendable] { [id, requestID, action, actor, status, note, at] }
}

extension VerificationChallengeModel: BulkInsertable {
    static let bulkColumns = [
        "id", "request_id", "code_hash", "expires_at", "failed_attempts", "verified_at", "address_key", "ip_key",
        "created_at",
    ]
    var bulkValues: [any Encodable & Sendable] {
        [id, requestID, codeHash, expiresAt, failedAttempts, verifiedAt, addressKey, ipKey, createdAt]
    }
}
