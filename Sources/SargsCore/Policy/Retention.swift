/// How long data kept for a purpose may be kept, and what happens then.
public struct RetentionRule: Sendable, Hashable, Codable {
    public var id: String
    public var kind: Kind
    /// ISO 8601 duration; required for every kind but the two open-ended ones, where it is a maximum.
    public var period: String?
    /// The law that imposes the period; required for `legal_obligation`.
    public var law: LocalizedText?
    /// For `legal_obligation`: the event the period counts from.
    public var countedFrom: Trigger?
    /// What is done when the period ends.
    public var action: Action
    /// Optional plain-words explanation shown in the notice after the generated sentence.
    public var note: LocalizedText?

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case untilConsentWithdrawn = "until_consent_withdrawn"
        case untilObjection = "until_objection"
        case endOfRelationship = "end_of_relationship"
        case fromCollection = "from_collection"
        case legalObligation = "legal_obligation"
    }

    public enum Trigger: String, Sendable, Hashable, Codable, CaseIterable {
        case collection
        case endOfRelationship = "end_of_relationship"
        case endOfFinancialYear = "end_of_financial_year"
    }

    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case delete
        case anonymise
        case archive
    }

    /// The parsed period, if present and valid.
    public var duration: ISODuration? { period.flatMap { try? ISODuration(parsing: $0) } }

    /// The event the period counts from.
    public var trigger: Trigger {
        switch kind {
        case .endOfRelationship: return .endOfRelationship
        case .fromCollection: return .collection
        case .legalObligation: return countedFrom ?? .collection
        case .untilConsentWithdrawn, .untilObjection: return .collection
        }
    }
}
