import Foundation
import SargsCore

/// Whom a decision is about: the subject's id, or an e-mail address found by the blind index.
enum SubjectReference: Sendable, Hashable {
    case id(UUID)
    case email(String)
}

/// May this system use this person's data for this purpose (over this channel, for these categories) now?
struct DecisionQuestion: Sendable {
    var subject: SubjectReference
    var purpose: String
    var channel: ContactChannel?
    var categories: [String]?
}

/// A decision and the subject it is about.
struct DecisionAnswer: Sendable {
    var subjectID: UUID
    var decision: Decision
}

/// The same question for a send list.
struct BatchDecisionQuestion: Sendable {
    var purpose: String
    var channel: ContactChannel?
    var subjectIDs: [UUID]
}

/// Each subject's decision, in the order asked; nil for a subject Sargs does not know.
struct BatchDecisionAnswer: Sendable {
    var question: BatchDecisionQuestion
    var decisions: [(subjectID: UUID, decision: Decision?)]

    var allowed: Int { decisions.count { $0.decision?.allowed == true } }
}
