import Foundation
import SargsCore

/// What retention would do on a day: per subject and category the action, when the last ground
/// ended and why (rule, purpose, law), what is suspended, and counts per rule and action.
/// Identifiers and category keys only, never a personal value.
public struct RetentionReport: Sendable, Codable {
    /// One action due on `asOf`.
    public struct Action: Sendable, Codable, Hashable {
        public var subjectID: String
        public var category: String
        public var action: RetentionRule.Action
        /// The last day the category was justified.
        public var keptUntil: CivilDate?
        /// The rule and purpose that kept it longest, and the law behind the rule (authoritative language).
        public var rule: String?
        public var purpose: String?
        public var law: String?
        /// For `archive`: the purposes that may still read the values.
        public var archiveFor: [String]?

        enum CodingKeys: String, CodingKey {
            case subjectID = "subject_id", category, action, keptUntil = "kept_until", rule, purpose, law, archiveFor =
                "archive_for"
        }
    }

    /// An action that would be due but is not taken, and why.
    public struct Suspended: Sendable, Codable, Hashable {
        public enum Reason: String, Sendable, Codable {
            /// A legal hold covers the category (Art. 17(3)(e)).
            case legalHold = "legal_hold"
            /// A data-subject request about the subject is still open.
            case openRequest = "open_request"
        }

        public var subjectID: String
        public var category: String
        public var reason: Reason

        enum CodingKeys: String, CodingKey { case subjectID = "subject_id", category, reason }
    }

    /// How many actions one rule causes.
    public struct Count: Sendable, Codable, Hashable {
        public var rule: String
        public var action: RetentionRule.Action
        public var count: Int
    }

    public var asOf: CivilDate
    /// Subjects holding stored data that were planned.
    public var subjectsChecked: Int
    public var actions: [Action]
    public var suspended: [Suspended]
    public var summary: [Count]
    /// Whether `actions` or `suspended` was cut at the caller's limit (the summary still counts every action).
    public var truncated: Bool
    /// What a run would do in the company's datasets (issue 25): per dataset and group of
    /// categories, the fields emptied and the collections whose rows go. Nothing is read from or
    /// written to a company database to make it. Nil when the policy names no dataset.
    public var datasets: [DatasetEffect]? = nil

    /// One dataset's part for the subjects losing the same categories.
    public struct DatasetEffect: Sendable, Codable, Hashable {
        public var dataset: String
        public var categories: [String]
        public var subjects: Int
        /// `collection.field` set to NULL.
        public var emptied: [String]
        /// Collections whose matching rows are deleted.
        public var deleted: [String]
    }

    /// Lists a suspension, within `limit`.
    mutating func suspend(_ item: Suspended, limit: Int) {
        if suspended.count < limit { suspended.append(item) } else { truncated = true }
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", subjectsChecked = "subjects_checked", actions, suspended, summary, truncated, datasets
    }
}
