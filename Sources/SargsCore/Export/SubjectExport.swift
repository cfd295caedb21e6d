import Foundation

/// Everything held about one subject, opened from the vault, for an access or portability package.
public struct SubjectExport: Sendable {
    public struct Item: Sendable, Hashable, Codable {
        public var category: String
        public var value: String
        public var source: String
        public var collectedFor: String
        public var collectedAt: Date
        public var updatedAt: Date

        public init(
            category: String, value: String, source: String, collectedFor: String, collectedAt: Date, updatedAt: Date
        ) {
            self.category = category
            self.value = value
            self.source = source
            self.collectedFor = collectedFor
            self.collectedAt = collectedAt
            self.updatedAt = updatedAt
        }
    }

    public var subjectID: UUID
    public var country: String
    public var language: String
    public var items: [Item]
    public var consents: [ConsentRecord]
    public var relationships: [Relationship]
    public var objections: [Objection]
    public var restrictions: [Restriction]
    public var disclosures: [Disclosure]
    /// What the company's own systems hold about the subject (issue 25), read when the package is built.
    public var systems: [SystemExport] = []
    /// Systems that could not be read when the package was built (the package says so).
    public var unreachableSystems: [String] = []

    public init(
        subjectID: UUID, country: String, language: String, items: [Item], consents: [ConsentRecord] = [],
        relationships: [Relationship] = [], objections: [Objection] = [], restrictions: [Restriction] = [],
        disclosures: [Disclosure] = []
    ) {
        self.subjectID = subjectID
        self.country = country
        self.language = language
        self.items = items
        self.consents = consents
        self.relationships = relationships
        self.objections = objections
        self.restrictions = restrictions
        self.disclosures = disclosures
    }
}

/// One disclosure of a subject's data to a recipient: the disclosure log that Art. 15(1)(c) and
/// Art. 19 answer from.
public struct Disclosure: Sendable, Hashable, Codable {
    public var id: UUID
    /// The recipient's id in the policy.
    public var recipient: String
    public var purpose: String
    public var categories: [String]
    public var at: Date

    public init(id: UUID, recipient: String, purpose: String, categories: [String], at: Date) {
        self.id = id
        self.recipient = recipient
        self.purpose = purpose
        self.categories = categories
        self.at = at
    }
}

/// What a package contains.
public enum ExportScope: String, Sendable, Hashable, Codable {
    /// Art. 15: every value, the ledger, the disclosure log, receipts, and the notice (15(1)(a)–(h)).
    case access
    /// Art. 20: only data the subject provided, processed by automated means on consent or contract.
    case portability

    /// The categories of a policy that fall under portability (Art. 20(1)): provided by the
    /// subject and used by a purpose resting on consent or a contract.
    public static func portableCategories(of policy: Policy) -> Set<String> {
        let provided = policy.dataCategories.filter(\.providedBySubject).map(\.key)
        let basis = policy.purposes.filter { $0.legalBasis == .consent || $0.legalBasis == .contract }
        return Set(
            provided.filter { key in
                basis.contains {
                    $0.categories.contains { DataCategoryKey.covers($0, key) || DataCategoryKey.covers(key, $0) }
                }
            })
    }
}
