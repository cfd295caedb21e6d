import Foundation
import SargsCore
import SargsKit

extension DecisionRequest {
    /// The question this body asks; a subject is named by id or by e-mail.
    func question() throws -> DecisionQuestion {
        let subject: SubjectReference
        if let subjectID {
            subject = .id(subjectID)
        } else if let email {
            subject = .email(email)
        } else {
            throw DomainError.malformed("subject_id", "give subject_id or email")
        }
        return DecisionQuestion(
            subject: subject, purpose: purpose, channel: try ContactChannel.parsed(channel), categories: categories)
    }
}

extension DecisionResponse {
    init(_ answer: DecisionAnswer) {
        self.init(
            subjectID: answer.subjectID.wire, allowed: answer.decision.allowed,
            legalBasis: answer.decision.legalBasis.rawValue, reason: answer.decision.reason.rawValue,
            categories: answer.decision.categories)
    }
}

extension BatchDecisionRequest {
    func question() throws -> BatchDecisionQuestion {
        BatchDecisionQuestion(purpose: purpose, channel: try ContactChannel.parsed(channel), subjectIDs: subjectIDs)
    }
}

extension BatchDecisionResponse {
    init(_ answer: BatchDecisionAnswer) {
        let results = answer.decisions.map { subjectID, decision in
            Item(
                subjectID: subjectID.wire, allowed: decision?.allowed ?? false,
                reason: decision?.reason.rawValue ?? "not_found")
        }
        let allowed = answer.allowed
        self.init(
            purpose: answer.question.purpose, channel: answer.question.channel?.rawValue, allowed: allowed,
            denied: results.count - allowed, results: results)
    }
}

extension ServerMetrics {
    /// Counts one decision (or `count` of a batch) by purpose, outcome and reason.
    static func decision(purpose: String, allowed: Bool, reason: Decision.Reason, count: Int = 1) {
        decision(purpose: purpose, allowed: allowed, reason: reason.rawValue, count: count)
    }
}

extension DomainError {
    /// An unknown purpose, channel or category asked of the engine: a 422 naming the field, never a denial.
    init(_ error: DecisionError, purpose: String) {
        switch error {
        case .unknownPurpose:
            self = .invalid("purpose", "purpose '\(purpose)' is not declared in the policy")
        case .channelNotOfPurpose(_, let channel):
            self = .invalid("channel", "purpose '\(purpose)' does not use the channel '\(channel.rawValue)'")
        case .unknownCategory(let key):
            self = .invalid("categories", "category '\(key)' is not declared in the policy")
        }
    }
}
