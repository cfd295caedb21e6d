import Foundation

extension Wire {
    /// `Decision`: may this purpose (and channel) use the subject's data now, and why.
    struct Decision: Decodable, Sendable {
        let subjectID: UUID
        let allowed: Bool
        let legalBasis: String
        let reason: String
        let categories: [String]

        enum CodingKeys: String, CodingKey {
            case subjectID = "subject_id", allowed, legalBasis = "legal_basis", reason, categories
        }
    }

    /// `BatchDecision`: one result per subject of a send list, in request order.
    struct BatchDecision: Decodable, Sendable {
        struct Result: Decodable, Sendable {
            let subjectID: UUID
            let allowed: Bool
            let reason: String

            enum CodingKeys: String, CodingKey { case subjectID = "subject_id", allowed, reason }
        }

        let purpose: String
        let channel: String?
        let allowed: Int
        let denied: Int
        let results: [Result]
    }

    /// `AuditPage`: entries in chain order, with the chain's verification.
    struct AuditPage: Decodable, Sendable {
        struct Entry: Decodable, Sendable {
            let sequence: Int
            let time: Date
            let actor: String
            let action: String
            let subjectID: UUID?
            let purpose: String?
            let categories: [String]
            let result: String
            let hash: String

            enum CodingKeys: String, CodingKey {
                case sequence, time, actor, action, subjectID = "subject_id", purpose, categories, result, hash
            }
        }

        let verification: String
        let entries: [Entry]
        /// The `after` of the next page; absent on the last.
        let nextAfter: Int?

        enum CodingKeys: String, CodingKey { case verification, entries, nextAfter = "next_after" }
    }

    /// `GET /v1/audit/verify`.
    struct AuditVerification: Decodable, Sendable {
        let intact: Bool
        let entries: Int?
        let brokenAt: Int?
        let reason: String?

        enum CodingKeys: String, CodingKey { case intact, entries, brokenAt = "broken_at", reason }
    }
}
