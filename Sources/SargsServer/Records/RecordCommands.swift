import Foundation
import SargsCore

/// Record that the subject's data went to a recipient of the policy (Art. 30, Art. 19).
struct RecordDisclosure: Sendable {
    var recipient: String
    var purpose: String
    var categories: [String]
}

/// Keep the subject's data through erasure under a legal hold (Art. 17(3)).
struct AddHold: Sendable {
    var reason: String
    /// Nil: every category.
    var categories: [String]?
    /// Nil: until released.
    var until: CivilDate?
}

/// A recipient's Art. 19 webhook endpoint with its new signing secret (shown once).
struct RecipientEndpoint: Sendable {
    var recipient: String
    var url: String
    var secret: Data
}
