import SargsKit
import Vapor

/// `POST /v1/subjects`
struct CreateSubjectRequest: Content {
    var externalRef: String?
    var country: String
    var language: String
    var data: [String: String]
    var source: String
    var collectedFor: String
    /// For imports: when the data was collected (RFC 3339, not in the future); default now.
    var collectedAt: Date?
    /// `subject` (default), or `third_party` / `public_source` when the data was not obtained from
    /// the person: the Art. 14 notice is then due within a month.
    var obtainedFrom: String?

    enum CodingKeys: String, CodingKey {
        case externalRef = "external_ref", country, language, data, source, collectedFor = "collected_for",
            collectedAt = "collected_at",
            obtainedFrom = "obtained_from"
    }
}

/// `PATCH /v1/subjects/{id}`
struct UpdateSubjectRequest: Content {
    var data: [String: String]
    var purpose: String
}

/// `POST /v1/subjects/lookup`: the e-mail or phone travels in the body, never in a URL.
struct LookupRequest: Content {
    var email: String?
    var phone: String?
    var purpose: String
}

/// A purpose-bound read: only what the purpose may use now.
struct SubjectReadResponse: Content {
    var id: String
    var purpose: String
    var allowed: Bool
    var reason: String
    var legalBasis: String
    var data: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, purpose, allowed, reason, legalBasis = "legal_basis", data
    }
}

extension SubjectReadResponse: FixedJSONResponse {
    func encodeResponse(for request: Request) -> EventLoopFuture<Response> { fixedResponse(on: request) }
    func encodeResponse(for request: Request) async throws -> Response { fixedJSON.response }

    /// The same keys as `CodingKeys`, written without an encoder.
    var fixedJSON: FixedJSONObject {
        var object = FixedJSONObject()
        object.add(CodingKeys.id.rawValue, id)
        object.add(CodingKeys.purpose.rawValue, purpose)
        object.add(CodingKeys.allowed.rawValue, allowed)
        object.add(CodingKeys.reason.rawValue, reason)
        object.add(CodingKeys.legalBasis.rawValue, legalBasis)
        object.add(CodingKeys.data.rawValue, data)
        return object
    }
}
