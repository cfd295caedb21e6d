import Fluent
import Foundation
import SargsCore

/// One policy version the server has served or will serve: the file as published, when it takes
/// effect, who published it, what changed and how far its change notices have gone out.
final class PolicyVersionModel: Model, @unchecked Sendable {
    static let schema = "policy_versions"

    /// Where the version's change notices stand.
    enum NoticeState: String, Codable, Sendable {
        /// No material change: nobody is told.
        case notRequired = "not_required"
        /// Being queued in batches, until the version takes effect: subjects added meanwhile are told too.
        case sending
        case done
    }

    @ID(key: .id) var id: UUID?
    /// The file's `policy.version`.
    @Field(key: "version_label") var versionLabel: String
    /// SHA-256 of the YAML text.
    @Field(key: "content_hash") var contentHash: String
    @Field(key: "yaml") var yaml: String
    @Field(key: "effective_on") var effectiveOn: CivilDate
    /// The start of `effectiveOn` (UTC), or the publishing moment for a version that takes effect at once.
    @Field(key: "effective_at") var effectiveAt: Date
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_by") var publishedBy: String
    /// Whether `PolicyDiff` found material changes against the version before it.
    @Field(key: "material") var material: Bool
    /// The material changes as JSON (`[PolicyChange]`).
    @Field(key: "changes") var changes: String
    /// Comma-separated consent purposes whose earlier consents this version no longer honours.
    @Field(key: "renewed_consent") var renewedConsent: String
    @Field(key: "notice_state") var noticeState: NoticeState
    /// When a batch last found nobody left to tell (before the effective moment, new subjects may come).
    @OptionalField(key: "notices_idle_at") var noticesIdleAt: Date?
    @Field(key: "subjects_checked") var subjectsChecked: Int
    @Field(key: "notices_queued") var noticesQueued: Int
    @OptionalField(key: "notices_finished_at") var noticesFinishedAt: Date?

    init() {}

    var renewedPurposes: [String] {
        renewedConsent.isEmpty ? [] : renewedConsent.split(separator: ",").map(String.init)
    }

    var changeList: [PolicyChange] {
        (try? JSONDecoder().decode([PolicyChange].self, from: Data(changes.utf8))) ?? []
    }
}

/// A subject whose change notice for a version was queued: at most one per subject and version.
final class PolicyNoticeModel: Model, @unchecked Sendable {
    static let schema = "policy_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "queued_at") var queuedAt: Date

    init() {}

    init(version: UUID, subject: UUID, at time: Date) {
        id = UUID()
        versionID = version
        subjectID = subject
        queuedAt = time
    }
}
