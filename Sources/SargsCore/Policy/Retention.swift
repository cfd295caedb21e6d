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
    /// For `anonymise`: the non-identifying facts that survive (a closed list, see `AnonymousFact`).
    public var keep: [AnonymousFact]?
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

    /// What happens to a category when the period ends.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// The values are destroyed.
        case delete
        /// The values are destroyed and only the rule's `keep` facts survive, unlinked from the subject.
        case anonymise
        /// While another purpose must keep the values longer, they stay readable only for that
        /// purpose ("archived when deletion would affect records that must be kept longer");
        /// when nothing keeps them any more, they are deleted.
        case archive
    }

    /// The parsed period, if present and valid.
    public var duration: ISODuration? { period.flatMap { try? ISODuration(parsing: $0) } }

    /// The last day of the period after its trigger for data first collected on `collected`:
    /// the day of collection; 31 December of the year the last accounting record was made
    /// (`recordMadeOn`, see `AccountingRecord`; the collection when not given; the financial year
    /// is taken to be the calendar year); or `relationshipEnded`. Nil when the rule has no period,
    /// or when it counts from the end of a relationship that has not ended (`relationshipEnded` nil).
    public func lastDay(
        collectedOn collected: CivilDate, relationshipEnded: CivilDate?, recordMadeOn: CivilDate? = nil
    ) -> CivilDate? {
        guard let duration else { return nil }
        let start: CivilDate
        switch trigger {
        case .collection: start = collected
        case .endOfFinancialYear: start = CivilDate(year: (recordMadeOn ?? collected).year, month: 12, day: 31)!
        case .endOfRelationship:
            guard let relationshipEnded else { return nil }
            start = relationshipEnded
        }
        return LegalPeriod.lastDay(after: start, duration: duration)
    }

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
