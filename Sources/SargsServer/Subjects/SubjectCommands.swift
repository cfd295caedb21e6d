import Foundation
import SargsCore

/// Collect a new subject's data for a purpose, sealed in the vault.
struct CollectSubject: Sendable {
    /// Where the data came from: from the person, or not (Art. 14: the notice is then due within a month).
    enum Origin: String, Sendable {
        case subject
        case thirdParty = "third_party"
        case publicSource = "public_source"
    }

    var externalRef: String?
    var country: String
    var language: String
    /// Values by category key, as given (normalised by the service).
    var data: [String: String]
    var source: String
    var collectedFor: String
    /// When the data was collected (an import's past moment); now when nil.
    var collectedAt: Date?
    var origin: Origin
    /// Prefix of the field names problems name (an import line's, or none).
    var field: String = ""
}

/// Replace or add values for a purpose that uses them.
struct UpdateSubjectData: Sendable {
    var subjectID: UUID
    var data: [String: String]
    var purpose: String
}

/// A subject found by a contact value, read for a purpose.
struct SubjectLookup: Sendable {
    enum Contact: Sendable {
        case email(String)
        case phone(String)
    }

    var contact: Contact
    var purpose: String
}

/// What a purpose-bound read returned: the decision and the values it released.
struct PurposeBoundRead: Sendable {
    var subjectID: UUID
    var purpose: String
    var decision: Decision
    var data: [String: String]
}
