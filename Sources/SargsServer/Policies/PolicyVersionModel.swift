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
        /// Being queued in batches; `subjectsChecked` and `cursor` record how far.
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
    /// The last subject id a notice batch went through (subjects are taken in id order).
    @OptionalField(key: "notice_cursor") var noticeCursor: UUID?
    @Field(key: "subjects_checked") var subjectsChecked: Int
    @Field(key: "notices_queued") var noticesQueued: Int
    @OptionalField(key: "notices_finished_at") var noticesFinishedAt: Date?

    init() {}

    var renewedPurposes: [String] { renewedConsent.isEmpty ? [] : renewedConsent.split(separator: ",").map(String.init) }

    var changeList: [PolicyChange] {
        (try? JSONDecoder().decode([PolicyChange].self, from: Data(changes.utf8))) ?? []
    }
}
