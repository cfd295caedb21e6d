import Foundation

extension Wire {
    /// `GET /v1/policy/versions/{id}`.
    struct PolicyVersion: Decodable, Sendable {
        struct Notices: Decodable, Sendable {
            let state: String
            let subjectsChecked: Int
            let queued: Int
            let finishedAt: Date?

            enum CodingKeys: String, CodingKey {
                case state, subjectsChecked = "subjects_checked", queued, finishedAt = "finished_at"
            }
        }

        let id: String
        let version: String
        let contentHash: String
        let effectiveOn: String
        let publishedBy: String
        let inForce: Bool
        let material: Bool
        let changes: [String]
        let renewedConsent: [String]
        let notices: Notices
        let noticeURL: String

        enum CodingKeys: String, CodingKey {
            case id, version, contentHash = "content_hash", effectiveOn = "effective_on", publishedBy = "published_by",
                inForce = "in_force",
                material, changes, renewedConsent = "renewed_consent", notices, noticeURL = "notice_url"
        }
    }

    /// `GET /v1/policy/versions`.
    struct PolicyVersionList: Decodable, Sendable {
        let versions: [PolicyVersion]
    }
}
