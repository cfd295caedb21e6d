import Fluent
import Foundation

/// An append-only consent ledger entry. Evidence (IP address, user agent) is personal data and
/// is sealed under the subject's data key like any other value.
final class ConsentEventModel: Model, @unchecked Sendable {
    static let schema = "consent_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "channel") var channel: String?
    @Field(key: "state") var state: String
    @Field(key: "method") var method: String
    @OptionalField(key: "verified_by") var verifiedBy: String?
    @OptionalField(key: "evidence") var evidence: Data?
    @Field(key: "policy_version") var policyVersion: String
    @Field(key: "notice_hash") var noticeHash: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}
