import Foundation

/// What retention does with one stored category of one subject, and why.
public struct RetentionVerdict: Sendable, Hashable, Codable {
    /// The category key.
    public var category: String
    /// The last day the category may be kept; nil while a ground has no fixed end.
    public var keptUntil: CivilDate?
    /// The purpose and rule that keep it longest (nil when no purpose keeps it at all).
    public var purpose: String?
    public var rule: String?
    /// The law that imposes the longest period, for legal obligations.
    public var law: LocalizedText?
    /// What happens when the last ground ends: the longest rule's action (delete when nothing keeps it).
    public var action: RetentionRule.Action
    /// Whether the action is due on the day planned for (the last day has passed) and nothing suspends it.
    public var due: Bool
    /// A legal hold suspends every action on the category (Art. 17(3)(e)).
    public var held: Bool

    public init(category: String, keptUntil: CivilDate?, purpose: String?, rule: String?, law: LocalizedText?,
                action: RetentionRule.Action, due: Bool, held: Bool) {
        self.category = category
        self.keptUntil = keptUntil
        self.purpose = purpose
        self.rule = rule
        self.law = law
        self.action = action
        self.due = due
        self.held = held
    }
}

/// The retention verdicts for one subject's stored categories, in category order.
public struct RetentionPlan: Sendable, Hashable {
    public var verdicts: [RetentionVerdict]

    public init(verdicts: [RetentionVerdict]) {
        self.verdicts = verdicts
    }

    /// True when every stored category is due for deletion: the subject can be crypto-shredded.
    public var deletesEverything: Bool {
        !verdicts.isEmpty && verdicts.allSatisfy { $0.due && $0.action == .delete }
    }
}

/// What retention needs to know about one subject: what is stored and since when, and the facts
/// that start or end its grounds. Values are not needed.
public struct RetentionFacts: Sendable, Hashable {
    /// A stored value: its category, when and for which purpose it was collected.
    public struct Item: Sendable, Hashable {
        public var category: String
        public var collectedAt: Date
        public var collectedFor: String

        public init(category: String, collectedAt: Date, collectedFor: String) {
            self.category = category
            self.collectedAt = collectedAt
            self.collectedFor = collectedFor
        }
    }

    public var items: [Item]
    public var relationships: [Relationship]
    public var consents: [ConsentEvent]
    public var objections: [Objection]
    public var holds: [LegalHold]

    public init(items: [Item], relationships: [Relationship] = [], consents: [ConsentEvent] = [],
                objections: [Objection] = [], holds: [LegalHold] = []) {
        self.items = items
        self.relationships = relationships
        self.consents = consents
        self.objections = objections
        self.holds = holds
    }
}
