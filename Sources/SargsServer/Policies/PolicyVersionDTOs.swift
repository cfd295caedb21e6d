import Foundation
import SargsCore
import SargsKit
import Vapor

/// `POST /v1/policy/versions` as JSON; a YAML body with `?effective_on=` is accepted too.
struct PublishPolicyBody: Content {
    var yaml: String
    var effectiveOn: String?

    enum CodingKeys: String, CodingKey { case yaml, effectiveOn = "effective_on" }
}

/// One policy version, with the progress of its change notices.
struct PolicyVersionView: Encodable, Sendable {
    struct Notices: Encodable, Sendable {
        /// `not_required` (no material change), `sending` or `done`.
        var state: String
        var subjectsChecked: Int
        var queued: Int
        var finishedAt: Date?

        enum CodingKeys: String, CodingKey {
            case state, subjectsChecked = "subjects_checked", queued, finishedAt = "finished_at"
        }
    }

    var id: String
    var version: String
    var contentHash: String
    var effectiveOn: String
    var effectiveAt: Date
    var publishedAt: Date
    var publishedBy: String
    var inForce: Bool
    var material: Bool
    /// One line per material change (`PolicyChange.summary`).
    var changes: [String]
    /// Consent purposes whose consents given under earlier versions no longer count.
    var renewedConsent: [String]
    var notices: Notices
    /// The public notice of this version.
    var noticeURL: String

    enum CodingKeys: String, CodingKey {
        case id, version, contentHash = "content_hash", effectiveOn = "effective_on", effectiveAt = "effective_at",
            publishedAt = "published_at", publishedBy = "published_by", inForce = "in_force", material, changes,
            renewedConsent = "renewed_consent", notices, noticeURL = "notice_url"
    }

    init(_ row: PolicyVersionModel, inForce: Bool, noticeURL: String) {
        id = (row.id ?? UUID()).wire
        version = row.versionLabel
        contentHash = row.contentHash
        effectiveOn = row.effectiveOn.description
        effectiveAt = row.effectiveAt
        publishedAt = row.publishedAt
        publishedBy = row.publishedBy
        self.inForce = inForce
        material = row.material
        changes = row.changeList.map(\.summary)
        renewedConsent = row.renewedPurposes
        notices = Notices(
            state: row.noticeState.rawValue, subjectsChecked: row.subjectsChecked, queued: row.noticesQueued,
            finishedAt: row.noticesFinishedAt)
        self.noticeURL = noticeURL
    }
}

/// `GET /v1/policy/versions`.
struct PolicyVersionList: Encodable, Sendable {
    var versions: [PolicyVersionView]
}
