import Fluent
import Foundation
import SargsCore
import SargsKit

/// Art. 19: every rectification, erasure and restriction is passed on to each recipient the
/// disclosure log says received the subject's data — through the recipient's signed webhook when
/// it has an endpoint, otherwise listed for staff to tell by hand and confirm.
enum RecipientNotifier {
    /// The body of an Art. 19 webhook.
    struct Notice: Encodable {
        var event: RequestType
        var requestId: String
        var subjectId: String
        var externalRef: String?
        /// The categories concerned that this recipient received.
        var categories: [String]
        /// Rectification: the corrected values of those categories.
        var values: [String: String]?
        var occurredAt: Date

        enum CodingKeys: String, CodingKey {
            case event, requestId = "request_id", subjectId = "subject_id", externalRef = "external_ref", categories,
                values
            case occurredAt = "occurred_at"
        }
    }

    /// Queues the notices (in the caller's transaction); returns the recipients concerned, sorted.
    static func notify(
        event: RequestType, request: UUID, subject: SubjectModel, categories: Set<String>?,
        values: [String: String] = [:],
        master: MasterKey, at now: Date, on database: any Database
    ) async throws -> [String] {
        let subjectID = try subject.requireID()
        let disclosures = try await DisclosureModel.query(on: database).filter(\.$subjectID == subjectID).all()
        var received: [String: Set<String>] = [:]
        for disclosure in disclosures { received[disclosure.recipient, default: []].formUnion(disclosure.categoryKeys) }
        let endpoints = Set(
            try await RecipientEndpointModel.query(on: database).filter(\.$id ~~ Array(received.keys)).all().compactMap(
                \.id))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var told: [String] = []
        for recipient in received.keys.sorted() {
            let theirs = received[recipient]!
            let concerned = categories.map { $0.intersection(theirs) } ?? theirs
            if categories != nil && concerned.isEmpty { continue }
            let notice = RecipientNoticeModel()
            notice.requestID = request
            notice.recipient = recipient
            if endpoints.contains(recipient) {
                let body = Notice(
                    event: event, requestId: request.wire, subjectId: subjectID.wire,
                    externalRef: subject.externalRef, categories: concerned.sorted(),
                    values: values.isEmpty ? nil : values.filter { concerned.contains($0.key) }, occurredAt: now)
                notice.method = .webhook
                notice.outboxID = try await Outbox.webhook(
                    recipient: recipient, body: try encoder.encode(body), topic: "art19.\(event.auditText)",
                    requestID: request, master: master, at: now, on: database)
            } else {
                notice.method = .manual
            }
            try await notice.create(on: database)
            told.append(recipient)
        }
        return told
    }
}
