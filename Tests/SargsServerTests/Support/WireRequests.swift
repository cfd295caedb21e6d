import Foundation

extension Wire {
    /// `Request`: a data-subject request with its deadlines, and on the detail routes its history,
    /// messages and the recipients told. Dates without a time are `YYYY-MM-DD` strings.
    struct Request: Decodable, Sendable {
        let id: UUID
        let type: String
        let status: String
        let subjectID: UUID?
        let channel: String
        let language: String
        let receivedOn: String
        let dueOn: String
        let latestDueOn: String?
        let invalidNoticeDueOn: String
        let signatureRequired: String?
        let extended: Bool
        let overdue: Bool
        let pausedDays: Int
        let outcome: Outcome?
        let events: [Event]?
        let recipients: [Recipient]?
        let messages: [Message]?
        let letter: Letter?

        enum CodingKeys: String, CodingKey {
            case id, type, status, subjectID = "subject_id", channel, language, receivedOn = "received_on", dueOn =
                "due_on",
                latestDueOn = "latest_due_on", invalidNoticeDueOn = "invalid_notice_due_on", signatureRequired =
                "signature_required", extended, overdue,
                pausedDays = "paused_days", outcome, events, recipients, messages, letter
        }

        /// One step of the request's history.
        struct Event: Decodable, Sendable {
            let action: String
            let status: String
            let actor: String
            let at: Date
            let note: String?
        }

        /// A recipient told of a rectification, erasure or restriction (Art. 19).
        struct Recipient: Decodable, Sendable {
            let recipient: String
            let method: String
            let deliveredAt: Date?
            let confirmedAt: Date?
            let failed: Bool

            enum CodingKeys: String, CodingKey {
                case recipient, method, deliveredAt = "delivered_at", confirmedAt = "confirmed_at", failed
            }
        }

        /// A message queued for the request (e-mail or webhook).
        struct Message: Decodable, Sendable {
            let kind: String
            let topic: String
            let attempts: Int
            let deliveredAt: Date?
            let failedAt: Date?
            let lastError: String?

            enum CodingKeys: String, CodingKey {
                case kind, topic, attempts, deliveredAt = "delivered_at", failedAt = "failed_at", lastError =
                    "last_error"
            }
        }

        /// For a requester without an e-mail address: the latest message, to send by post.
        struct Letter: Decodable, Sendable {
            let language: String
            let subject: String
            let body: String
        }
    }

    /// `RequestOutcome`: what was done, without personal values.
    struct Outcome: Decodable, Sendable {
        /// A category kept past an erasure, on what grounds and until when.
        struct Kept: Decodable, Sendable {
            let category: String
            let grounds: [String]
            let until: String?
        }

        let erased: [String]?
        let kept: [Kept]?
        let shredded: Bool?
        let purposes: [String]?
        let directMarketing: Bool?
        let recipients: [String]?
        let rectified: [String]?
        let exportExpiresAt: Date?
        let transmitted: Bool?
        let noData: Bool?
        let fee: String?
        let rejection: String?

        enum CodingKeys: String, CodingKey {
            case erased, kept, shredded, purposes, directMarketing = "direct_marketing", recipients, rectified,
                exportExpiresAt = "export_expires_at", transmitted, noData = "no_data", fee, rejection
        }
    }

    /// A page of `GET /v1/requests`.
    struct RequestList: Decodable, Sendable {
        let requests: [Request]
        /// The offset of the next page; absent on the last page.
        let nextOffset: Int?

        enum CodingKeys: String, CodingKey { case requests, nextOffset = "next_offset" }
    }
}
