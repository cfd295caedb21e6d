import Fluent
import Foundation
import SargsKit
import SargsCore

/// An append-only consent ledger entry. Evidence (IP address, user agent) is personal data and
/// is sealed under the subject's data key like any other value.
final class ConsentEventModel: Model, @unchecked Sendable {
    static let schema = "consent_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "channel") var channel: ContactChannel?
    @Field(key: "state") var state: ConsentEvent.State
    @Field(key: "method") var method: String
    @OptionalField(key: "verified_by") var verifiedBy: String?
    @OptionalField(key: "evidence") var evidence: Data?
    @Field(key: "policy_version") var policyVersion: String
    @Field(key: "notice_hash") var noticeHash: String
    @Field(key: "recorded_at") var recordedAt: Date
    /// Who gave it when not the subject: `parent`, `guardian` or `legal_representative` (Art. 8(1));
    /// their name and the evidence of their authority are sealed in `evidence`.
    @OptionalField(key: "given_by") var givenBy: String?

    init() {}

    /// The one place a ledger entry is built (the consent API and withdrawal requests).
    init(
        subject: UUID, purpose: String, channel: ContactChannel?, state: ConsentEvent.State, method: String,
        verifiedBy: String? = nil, evidence: Data? = nil, policyVersion: String, noticeHash: String, at time: Date
    ) {
        self.id = UUID()
        self.subjectID = subject
        self.purpose = purpose
        self.channel = channel
        self.state = state
        self.method = method
        self.verifiedBy = verifiedBy
        self.evidence = evidence
        self.policyVersion = policyVersion
        self.noticeHash = noticeHash
        self.recordedAt = time
    }

    /// The Sendable value the decision engine reads.
    var event: ConsentEvent {
        ConsentEvent(
            purpose: purpose, channel: channel, state: state, at: recordedAt, policyVersion: policyVersion,
            byParentalAuthority: givenBy != nil ? true : nil)
    }

    /// The entry as receipts and exports show it.
    var record: ConsentRecord {
        ConsentRecord(
            id: id ?? UUID(), subjectID: subjectID, purpose: purpose, channel: channel, state: state, method: method,
            at: recordedAt, policyVersion: policyVersion, noticeHash: noticeHash, verifiedBy: verifiedBy)
    }
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields).
extension ConsentEventModel: BulkInsertable {
    static let bulkColumns = [
        "id", "subject_id", "purpose", "channel", "state", "method", "verified_by", "evidence", "policy_version",
        "notice_hash", "recorded_at", "given_by",
    ]
    var bulkValues: [any Encodable & Sendable] {
        [
            id, subjectID, purpose, channel, state, method, verifiedBy, evidence, policyVersion, noticeHash, recordedAt,
            givenBy,
        ]
    }
}
