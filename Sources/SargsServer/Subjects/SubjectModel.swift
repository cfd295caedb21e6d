import Fluent
import Foundation
import SargsKit
import SargsCore

/// A data subject: identifiers and decision facts only; personal values live in `DataItemModel`, sealed.
final class SubjectModel: Model, @unchecked Sendable {
    static let schema = "subjects"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "external_ref") var externalRef: String?
    @Field(key: "country") var country: String
    @Field(key: "language") var language: String
    @Field(key: "status") var status: SubjectState.Status
    /// The subject's data key, wrapped by the master key. Deleting it crypto-shreds the subject.
    @OptionalField(key: "wrapped_key") var wrappedKey: Data?
    /// Keyed HMAC blind indexes of the normalised e-mail and phone (never the values).
    @OptionalField(key: "email_index") var emailIndex: String?
    @OptionalField(key: "phone_index") var phoneIndex: String?
    /// The day the subject reaches the policy's consent age; derived from the sealed date of
    /// birth so decisions need no decryption. Nil when no date of birth is known.
    @OptionalField(key: "consent_age_reached_on") var consentAgeReachedOn: CivilDate?
    /// When the subject's data was first collected: the time of the call, or an import's `collected_at`.
    @Field(key: "created_at") var createdAt: Date
    /// When the last accounting record about the subject was made; accounting retention counts from its financial year.
    @OptionalField(key: "last_transaction_at") var lastTransactionAt: Date?
    /// Where the data came from when not from the subject: `third_party` or `public_source` (Art. 14).
    @OptionalField(key: "obtained_from") var obtainedFrom: String?
    /// The last day the Art. 14 notice may reach the subject (one month after collection).
    @OptionalField(key: "notice_due_on") var noticeDueOn: CivilDate?
    /// When the Art. 14 notice was sent (by e-mail) or recorded as posted.
    @OptionalField(key: "notice_sent_at") var noticeSentAt: Date?
    /// Bumped by every write that changes the subject's facts or values (`FactsVersions`); cached
    /// facts are served only at the version the database holds.
    @Field(key: "facts_version") var factsVersion: Int

    init() {}

    /// A new, active subject holding `wrappedKey`.
    init(id: UUID, externalRef: String?, country: String, language: String, wrappedKey: Data, at time: Date) {
        self.id = id
        self.externalRef = externalRef
        self.country = country
        self.language = language
        self.status = .active
        self.wrappedKey = wrappedKey
        self.createdAt = time
        self.factsVersion = 0
    }

    /// Whether the subject was crypto-shredded (only its id remains).
    var isErased: Bool { status == .erased }

    /// The subject's facts without its events, which the caller adds.
    func bareState(consentAge: Int?) -> SubjectState {
        Self.bareState(status: status, consentAgeReachedOn: consentAgeReachedOn, consentAge: consentAge)
    }

    /// The facts a subject row holds: its status, and the birth date the decision engine compares
    /// ages with (the day the consent age is reached, less that age).
    static func bareState(
        status: SubjectState.Status, consentAgeReachedOn: CivilDate?, consentAge: Int?
    ) -> SubjectState {
        SubjectState(status: status, birthDate: consentAgeReachedOn.map { $0.adding(years: -(consentAge ?? 0)) })
    }
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields).
extension SubjectModel: BulkInsertable {
    static let bulkColumns = [
        "id", "external_ref", "country", "language", "status", "wrapped_key", "email_index", "phone_index",
        "consent_age_reached_on", "created_at", "last_transaction_at", "obtained_from", "notice_due_on",
        "notice_sent_at",
        "facts_version",
    ]
    var bulkValues: [any Encodable & Sendable] {
        [
            id, externalRef, country, language, status, wrappedKey, emailIndex, phoneIndex, consentAgeReachedOn,
            createdAt, lastTransactionAt,
            obtainedFrom, noticeDueOn, noticeSentAt, factsVersion,
        ]
    }
}
