import Foundation
import SargsCore
import Vapor

/// A request form as posted by the privacy center, turned into the API's submission so that
/// the same service checks it.
struct RequestForm: Content {
    var csrf: String?
    var type: String
    var email: String?
    var category: String?
    var newValue: String?
    var purposes: [String]?
    var directMarketing: String?
    var text: String?
    var transmitTo: String?

    enum CodingKeys: String, CodingKey {
        case csrf, type, email, category, newValue = "new_value", purposes, directMarketing = "direct_marketing", text,
            transmitTo = "transmit_to"
    }

    /// The submission: web channel, the page's language, details for the type.
    func submission(language: String) throws -> DataRequestSubmission {
        var details = RequestDetails()
        switch RequestType(rawValue: type) {
        case .rectification:
            if let category, let value = newValue?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                details.corrections = [category: value]
            } else {
                details.corrections = [:]
            }
        case .objection:
            details.purposes = purposes.flatMap { $0.isEmpty ? nil : $0 }
            details.directMarketing = directMarketing == "true" ? true : nil
            details.text = text.flatMap { $0.isEmpty ? nil : $0 }
        case .withdrawConsent:
            details.purposes = purposes ?? []
        case .portability:
            details.transmitTo = transmitTo.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        default:
            details.text = text.flatMap { $0.isEmpty ? nil : $0 }
        }
        let email = self.email?.trimmingCharacters(in: .whitespaces)
        return try DataRequestSubmission(
            type: type, subjectID: nil, email: email.flatMap { $0.isEmpty ? nil : $0 }, language: language,
            channel: "web", details: details, representative: nil, clientIP: nil, receivedOn: nil)
    }

    /// The form field a problem of the submission belongs to.
    static func field(of error: DomainError) -> String {
        switch error.field ?? "" {
        case let field where field.hasPrefix("details.corrections"): return "new_value"
        case let field where field.hasPrefix("details.purposes") || field.hasPrefix("details.direct_marketing"):
            return "purposes"
        case "details.transmit_to": return "transmit_to"
        default: return "email"
        }
    }
}
