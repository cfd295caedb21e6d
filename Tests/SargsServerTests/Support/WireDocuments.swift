import Foundation

extension Wire {
    /// The body of an Art. 19 webhook sent to a recipient.
    struct RecipientNotice: Decodable, Sendable {
        let event: String
        let requestID: UUID
        let subjectID: UUID
        let externalRef: String?
        let categories: [String]
        /// Rectification: the corrected values, by category key.
        let values: [String: String]?
        let occurredAt: Date

        enum CodingKeys: String, CodingKey {
            case event, requestID = "request_id", subjectID = "subject_id", externalRef = "external_ref", categories,
                values,
                occurredAt = "occurred_at"
        }
    }

    /// `data.json` of an export, also the body of a portability transmission (Art. 20(2)).
    struct ExportDocument: Decodable, Sendable {
        /// One stored value with where it came from.
        struct Item: Decodable, Sendable {
            let category: String
            let value: String
            let source: String
            let collectedFor: String
            let collectedAt: Date
            let updatedAt: Date

            enum CodingKeys: String, CodingKey {
                case category, value, source, collectedFor = "collected_for", collectedAt = "collected_at", updatedAt =
                    "updated_at"
            }
        }

        /// Who the export is about.
        struct Subject: Decodable, Sendable {
            let id: UUID
            let country: String
            let language: String
        }

        let format: String
        let scope: String
        let generatedAt: Date
        let controller: [String]
        let policyVersion: String
        let subject: Subject
        let data: [Item]

        enum CodingKeys: String, CodingKey {
            case format, scope, generatedAt = "generated_at", controller, policyVersion = "policy_version", subject,
                data
        }
    }
}
