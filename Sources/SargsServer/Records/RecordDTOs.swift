import Foundation
import Vapor

/// `POST /v1/subjects/{id}/disclosures`
struct DisclosureBody: Content {
    var recipient: String
    var purpose: String
    var categories: [String]
}

struct DisclosureView: Content {
    var id: String
    var recipient: String
    var purpose: String
    var categories: [String]
    var disclosedAt: Date
}

/// `POST /v1/subjects/{id}/holds`
struct HoldBody: Content {
    var reason: String
    var categories: [String]?
    var until: String?
}

/// `PUT /v1/recipients/{id}/endpoint`
struct EndpointBody: Content {
    var url: String
}

struct EndpointView: Content {
    var recipient: String
    var url: String
    /// Base64 of the signing secret: shown once, at creation.
    var secret: String
}
