import Fluent
import Foundation

/// One recipient told of one request's change (Art. 19): how, and whether it confirmed.
final class RecipientNoticeModel: Model, @unchecked Sendable {
    static let schema = "recipient_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "recipient") var recipient: String
    @Field(key: "method") var method: Method
    @OptionalField(key: "outbox_id") var outboxID: UUID?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "confirmed_by") var confirmedBy: String?

    init() {}

    /// How the recipient is told.
    enum Method: String, Codable, Sendable {
        /// Through the recipient's signed webhook; a 2xx answer confirms.
        case webhook
        /// Staff tell the recipient by other means and confirm by hand.
        case manual
    }
}
