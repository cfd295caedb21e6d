import Foundation
import SargsKit
import Vapor

/// `POST /v1/decisions`
struct DecisionRequest: Content {
    var subjectID: UUID?
    var email: String?
    var purpose: String
    var channel: String?
    var categories: [String]?

    enum CodingKeys: String, CodingKey { case subjectID = "subject_id", email, purpose, channel, categories }
}

struct DecisionResponse: Content {
    var subjectID: String
    var allowed: Bool
    var legalBasis: String
    var reason: String
    var categories: [String]

    enum CodingKeys: String, CodingKey {
        case subjectID = "subject_id", allowed, legalBasis = "legal_basis", reason, categories
    }
}

extension DecisionResponse: FixedJSONResponse {
    func encodeResponse(for request: Request) -> EventLoopFuture<Response> { fixedResponse(on: request) }
    func encodeResponse(for request: Request) async throws -> Response { fixedJSON.response }

    /// The same keys as `CodingKeys`, written without an encoder (the hottest response).
    var fixedJSON: FixedJSONObject {
        var object = FixedJSONObject()
        object.add(CodingKeys.subjectID.rawValue, subjectID)
        object.add(CodingKeys.allowed.rawValue, allowed)
        object.add(CodingKeys.legalBasis.rawValue, legalBasis)
        object.add(CodingKeys.reason.rawValue, reason)
        object.add(CodingKeys.categories.rawValue, categories)
        return object
    }
}

/// `POST /v1/decisions/batch`
struct BatchDecisionRequest: Content {
    var purpose: String
    var channel: String?
    var subjectIDs: [UUID]

    enum CodingKeys: String, CodingKey { case purpose, channel, subjectIDs = "subject_ids" }
}

struct BatchDecisionResponse: Content {
    struct Item: Content {
        var subjectID: String
        var allowed: Bool
        var reason: String

        enum CodingKeys: String, CodingKey { case subjectID = "subject_id", allowed, reason }
    }

    var purpose: String
    var channel: String?
    var allowed: Int
    var denied: Int
    var results: [Item]
}
