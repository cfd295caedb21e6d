import Foundation

/// Decides, for every stored category of a subject, until when it may be kept and what happens
/// then — the storage limitation principle (GDPR Art. 5(1)(e)) made executable.
///
/// A category stays while any purpose that uses it still justifies it; the purpose whose rule
/// keeps it longest decides the action (`delete`, `anonymise`, `archive`). A purpose counts for a
/// subject when the data was collected for it, or when the subject's facts establish its ground:
/// consent once given (consent purposes), a relationship (contract, legal-obligation and
/// legal-claims purposes). Per rule kind:
/// - `from_collection`: the period counts from the day the category was first collected;
/// - `legal_obligation`: from its trigger — collection, the end of the relationship, or the end
///   of the financial year (31 December of the year of collection) — Art. 17(3)(b);
/// - `end_of_relationship`: open while a relationship is in force, then the period from its end;
///   with no relationship ever recorded, the period counts from collection;
/// - `until_consent_withdrawn`: until consent to the purpose is withdrawn (Art. 7(3), 17(1)(b)),
///   or the optional maximum period after it was last given; never given, it ends on collection;
/// - `until_objection`: until an objection covering the purpose (Art. 21, 17(1)(c)), or the
///   optional maximum period after collection.
/// An active legal hold covering the category suspends every action. Pure: time is a parameter.
public struct RetentionPlanner: Sendable {
    public let policy: Policy
    let index: PolicyIndex

    public init(policy: Policy) {
        self.policy = policy
        self.index = PolicyIndex(policy)
    }

    /// One purpose's ground for keeping a category.
    struct Ground: Equatable {
        var purpose: Purpose
        var rule: RetentionRule
        /// The last day the purpose keeps the category; nil while open-ended.
        var lastDay: CivilDate?
    }

    /// The verdicts for every stored category of a subject, as of `now`.
    public func plan(_ facts: RetentionFacts, at now: Date) -> RetentionPlan {
        let today = DecisionEngine.civilDate(now)
        let byCategory = Dictionary(grouping: facts.items, by: \.category)
        let verdicts = byCategory.keys.sorted().map { category -> RetentionVerdict in
            let stored = byCategory[category]!
            let collected = DecisionEngine.civilDate(stored.map(\.collectedAt).min()!)
            let collectedFor = Set(stored.map(\.collectedFor))
            let grounds = policy.purposes
                .filter { purpose in purpose.categories.contains { DataCategoryKey.covers($0, category) } }
                .filter { applies($0, collectedFor: collectedFor, facts: facts, now: now) }
                .compactMap { purpose in
                    index.retentionRules[purpose.retention].map {
                        Ground(
                            purpose: purpose, rule: $0,
                            lastDay: lastDay(under: $0, purpose: purpose, collected: collected, facts: facts, now: now))
                    }
                }
            let held = facts.holds.contains { $0.isActive(on: today) && $0.covers(category) }
            guard let longest = Self.longest(grounds) else {
                // No purpose keeps it (the policy no longer uses the category): nothing justifies it.
                return RetentionVerdict(
                    category: category, keptUntil: collected, purpose: nil, rule: nil, law: nil,
                    action: .delete, due: !held && collected < today, held: held)
            }
            let running = grounds.filter { ground in ground.lastDay.map { $0 >= today } ?? true }
            let final: RetentionRule.Action = longest.rule.action == .archive ? .delete : longest.rule.action
            var verdict = RetentionVerdict(
                category: category, keptUntil: longest.lastDay, purpose: longest.purpose.id, rule: longest.rule.id,
                law: longest.rule.law, action: final, due: false, held: held,
                keep: final == .anonymise ? longest.rule.keep ?? [] : [])
            if running.isEmpty {
                // The last ground has ended (Art. 5(1)(e)).
                verdict.due = !held
            } else if let archiving = grounds.first(where: { $0.rule.action == .archive && !running.contains($0) }) {
                // An archiving rule ended while other purposes must keep the values longer: they
                // stay, readable only for those purposes.
                let readers = Array(Set(running.map(\.purpose.id))).sorted()
                verdict.action = .archive
                verdict.purpose = archiving.purpose.id
                verdict.rule = archiving.rule.id
                verdict.law = archiving.rule.law
                verdict.keep = []
                verdict.archiveFor = readers
                verdict.due = !held && stored.contains { $0.archivedFor != readers }
            } else if stored.contains(where: { $0.archivedFor != nil }) {
                verdict.unarchive = !held
            }
            return verdict
        }
        return RetentionPlan(verdicts: verdicts)
    }

    /// Whether `purpose` is a ground for this subject at all: the data was collected for it, or
    /// the subject's facts establish its legal basis.
    func applies(_ purpose: Purpose, collectedFor: Set<String>, facts: RetentionFacts, now: Date) -> Bool {
        if collectedFor.contains(purpose.id) { return true }
        let related = facts.relationships.contains { $0.start <= now }
        if purpose.legalClaims { return related }
        switch purpose.legalBasis {
        case .consent: return facts.consents.contains { $0.purpose == purpose.id && $0.state == .given && $0.at <= now }
        case .contract, .legalObligation: return related
        case .legitimateInterests, .publicTask, .vitalInterests: return false
        }
    }

    /// The ground that keeps the category longest: an open-ended one, or the latest last day.
    static func longest(_ grounds: [Ground]) -> Ground? {
        grounds.max { left, right in
            switch (left.lastDay, right.lastDay) {
            case (nil, _): return false
            case (_, nil): return true
            case (let l?, let r?): return l < r
            }
        }
    }

    /// The last day `rule` keeps a category first collected on `collected` for `purpose`.
    func lastDay(
        under rule: RetentionRule, purpose: Purpose, collected: CivilDate, facts: RetentionFacts, now: Date
    ) -> CivilDate? {
        switch rule.kind {
        case .fromCollection, .legalObligation, .endOfRelationship:
            let ended =
                rule.trigger == .endOfRelationship
                ? relationshipEnd(facts.relationships, collected: collected, now: now) : nil
            if rule.trigger == .endOfFinancialYear {
                // Open while records are still being made (a relationship in force).
                guard
                    let record = AccountingRecord.lastRecordDay(
                        collected: collected, relationships: facts.relationships,
                        lastTransaction: facts.lastTransaction, now: now)
                else { return nil }
                return rule.lastDay(collectedOn: collected, relationshipEnded: nil, recordMadeOn: record)
            }
            return rule.lastDay(collectedOn: collected, relationshipEnded: ended)
        case .untilConsentWithdrawn:
            return consentEnd(purpose: purpose.id, maximum: rule.duration, collected: collected, facts: facts, now: now)
        case .untilObjection:
            let objected = facts.objections.filter { objection in
                objection.since <= now
                    && (objection.purpose == purpose.id || (objection.purpose == nil && !objection.directMarketing)
                        || (objection.directMarketing && purpose.isDirectMarketing))
            }.map(\.since).min().map(DecisionEngine.civilDate)
            return [objected, rule.lastDay(collectedOn: collected, relationshipEnded: nil)].compactMap { $0 }.min()
        }
    }

    /// The day the relationship period starts counting: the last end of a relationship, or nil
    /// while one is in force (open-ended); with none ever recorded, the day of collection.
    /// Relationships that start later do not count yet.
    func relationshipEnd(_ relationships: [Relationship], collected: CivilDate, now: Date) -> CivilDate? {
        let started = relationships.filter { $0.start <= now }
        if started.isEmpty { return collected }
        if started.contains(where: { $0.end.map { $0 > now } ?? true }) { return nil }
        return started.compactMap(\.end).max().map(DecisionEngine.civilDate)
    }

    /// Consent purposes keep data while a consent to the purpose is in force on some channel, and
    /// at most `maximum` after it was last given; after withdrawal, until the day of withdrawal.
    func consentEnd(
        purpose: String, maximum: ISODuration?, collected: CivilDate, facts: RetentionFacts, now: Date
    ) -> CivilDate? {
        let entries = ConsentLedger.current(facts.consents.filter { $0.at <= now }).filter { $0.purpose == purpose }
        let given = entries.filter { $0.state == .given }
        let cap = given.map(\.since).max().flatMap { last in
            maximum.map { LegalPeriod.lastDay(after: DecisionEngine.civilDate(last), duration: $0) }
        }
        if !given.isEmpty { return cap }
        return entries.map(\.since).max().map(DecisionEngine.civilDate) ?? collected
    }
}
