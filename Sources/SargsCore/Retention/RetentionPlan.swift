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
    /// The action due, or the one that will be: `archive` while another purpose must keep the
    /// values after an archiving rule ended; otherwise what happens when the last ground ends —
    /// the longest rule's `delete` or `anonymise` (an `archive` with nothing left to keep the
    /// values for deletes them; so does a category no purpose keeps at all).
    public var action: RetentionRule.Action
    /// Whether the action is due on the day planned for and nothing suspends it.
    public var due: Bool
    /// A legal hold suspends every action on the category (Art. 17(3)(e)).
    public var held: Bool
    /// For `archive`: the purposes whose grounds still run, the only ones that may read the values.
    public var archiveFor: [String]
    /// For `anonymise`: the non-identifying facts the rule keeps.
    public var keep: [AnonymousFact]
    /// The values are archived, but no ended archiving rule applies any more (the ground that
    /// ended runs again, e.g. a new contract): the archive is lifted.
    public var unarchive: Bool = false

    public init(
        category: String, keptUntil: CivilDate?, purpose: String?, rule: String?, law: LocalizedText?,
        action: RetentionRule.Action, due: Bool, held: Bool, archiveFor: [String] = [], keep: [AnonymousFact] = []
    ) {
        self.category = category
        self.keptUntil = keptUntil
        self.purpose = purpose
        self.rule = rule
        self.law = law
        self.action = action
        self.due = due
        self.held = held
        self.archiveFor = archiveFor
        self.keep = keep
    }
}

/// The retention verdicts for one subject's stored categories, in category order.
public struct RetentionPlan: Sendable, Hashable {
    public var verdicts: [RetentionVerdict]

    public init(verdicts: [RetentionVerdict]) {
        self.verdicts = verdicts
    }

    /// True when every stored category is due to be removed (deleted, or anonymised to facts kept
    /// apart from the subject): nothing is left, and the subject can be crypto-shredded.
    public var removesEverything: Bool {
        !verdicts.isEmpty && verdicts.allSatisfy { $0.due && $0.action != .archive }
    }

    /// The verdicts whose action is due now.
    public var due: [RetentionVerdict] { verdicts.filter(\.due) }
}

/// What retention needs to know about one subject: what is stored and since when, and the facts
/// that start or end its grounds. Values are not needed.
public struct RetentionFacts: Sendable, Hashable {
    /// A stored value: its category, when and for which purpose it was collected, and, once
    /// archived, the purposes that may still read it.
    public struct Item: Sendable, Hashable {
        public var category: String
        public var collectedAt: Date
        public var collectedFor: String
        public var archivedFor: [String]?

        public init(category: String, collectedAt: Date, collectedFor: String, archivedFor: [String]? = nil) {
            self.category = category
            self.collectedAt = collectedAt
            self.collectedFor = collectedFor
            self.archivedFor = archivedFor
        }
    }

    public var items: [Item]
    public var relationships: [Relationship]
    public var consents: [ConsentEvent]
    public var objections: [Objection]
    public var holds: [LegalHold]
    /// When the last accounting record about the subject was made (an invoice, a payment); nil when none was recorded.
    public var lastTransaction: Date?

    public init(
        items: [Item], relationships: [Relationship] = [], consents: [ConsentEvent] = [],
        objections: [Objection] = [], holds: [LegalHold] = [], lastTransaction: Date? = nil
    ) {
        self.lastTransaction = lastTransaction
        self.items = items
        self.relationships = relationships
        self.consents = consents
        self.objections = objections
        self.holds = holds
    }
}
