import Foundation

/// Decides, category by category, what an erasure request erases and what it must keep.
///
/// GDPR Art. 17(3) lists the exceptions Sargs can know from the policy and the stored facts:
/// (b) a legal obligation to keep the data, such as accounting records, until its period ends;
/// (e) the establishment, exercise or defence of legal claims, within the limitation period;
/// and legal holds set by staff. Art. 17(1)(a): data still necessary for a contract in force is
/// kept while the contract lasts. Everything else is erased. When nothing is kept the subject's
/// data key can be destroyed (crypto-shredding).
public struct ErasurePlanner: Sendable {
    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// A stored value, by category and time of collection; the value itself is not needed.
    public struct StoredItem: Sendable, Hashable {
        public var category: String
        public var collectedAt: Date

        public init(category: String, collectedAt: Date) {
            self.category = category
            self.collectedAt = collectedAt
        }
    }

    /// Plans the erasure of a subject's stored items on `now`.
    /// - Parameter lastTransaction: when the last accounting record about the subject was made, from
    ///   whose financial year an `end_of_financial_year` period counts (Art. 17(3)(b)).
    public func plan(
        items: [StoredItem], relationships: [Relationship], holds: [LegalHold], lastTransaction: Date? = nil,
        at now: Date
    ) -> ErasurePlan {
        let today = DecisionEngine.civilDate(now)
        var erase: [String] = []
        var keep: [ErasurePlan.KeptCategory] = []
        let byCategory = Dictionary(grouping: items, by: \.category)
        for category in byCategory.keys.sorted() {
            let collected = byCategory[category]!.map(\.collectedAt).min()!
            let grounds = retentionGrounds(
                category: category, collectedAt: collected, relationships: relationships,
                lastTransaction: lastTransaction,
                holds: holds, now: now, today: today)
            if grounds.isEmpty {
                erase.append(category)
            } else {
                keep.append(ErasurePlan.KeptCategory(category: category, grounds: grounds))
            }
        }
        return ErasurePlan(erase: erase, keep: keep)
    }

    func retentionGrounds(
        category: String, collectedAt: Date, relationships: [Relationship], lastTransaction: Date? = nil,
        holds: [LegalHold],
        now: Date, today: CivilDate
    ) -> [ErasurePlan.Ground] {
        var grounds: [ErasurePlan.Ground] = []
        for purpose in policy.purposes
        where purpose.categories.contains(where: { DataCategoryKey.covers($0, category) }) {
            let kind: ErasurePlan.Ground.Kind
            if purpose.legalBasis == .legalObligation {
                kind = .legalObligation
            } else if purpose.legalClaims {
                kind = .legalClaims
            } else if purpose.legalBasis == .contract, relationships.contains(where: { $0.isActive(at: now) }) {
                grounds.append(
                    ErasurePlan.Ground(kind: .contractInForce, purpose: purpose.id, law: nil, reason: nil, until: nil))
                continue
            } else {
                continue
            }
            guard let rule = policy.retentionRule(purpose.retention) else { continue }
            switch periodEnd(
                rule, collectedAt: collectedAt, relationships: relationships, lastTransaction: lastTransaction, now: now
            ) {
            case .ended(let last) where last < today:
                continue
            case .ended(let last):
                grounds.append(
                    ErasurePlan.Ground(kind: kind, purpose: purpose.id, law: rule.law, reason: nil, until: last))
            case .open:
                grounds.append(
                    ErasurePlan.Ground(kind: kind, purpose: purpose.id, law: rule.law, reason: nil, until: nil))
            case .notStarted:
                continue
            }
        }
        for hold in holds where hold.isActive(on: today) && hold.covers(category) {
            grounds.append(
                ErasurePlan.Ground(kind: .legalHold, purpose: nil, law: nil, reason: hold.reason, until: hold.until))
        }
        return grounds
    }

    enum PeriodEnd: Equatable {
        /// The last day of the period.
        case ended(CivilDate)
        /// The period has not started its count yet (a contract in force) or has no end.
        case open
        /// The period never starts (no contract ever existed): nothing to keep.
        case notStarted
    }

    /// The last day of a retention period for data collected at `collectedAt`.
    func periodEnd(
        _ rule: RetentionRule, collectedAt: Date, relationships: [Relationship], lastTransaction: Date? = nil,
        now: Date
    ) -> PeriodEnd {
        guard rule.duration != nil else { return .open }
        if rule.trigger == .endOfFinancialYear {
            let collected = DecisionEngine.civilDate(collectedAt)
            guard
                let record = AccountingRecord.lastRecordDay(
                    collected: collected, relationships: relationships,
                    lastTransaction: lastTransaction, now: now)
            else { return .open }
            return rule.lastDay(collectedOn: collected, relationshipEnded: nil, recordMadeOn: record).map { .ended($0) }
                ?? .open
        }
        var relationshipEnded: CivilDate?
        if rule.trigger == .endOfRelationship {
            if relationships.isEmpty { return .notStarted }
            if relationships.contains(where: { $0.end.map { $0 > now } ?? true }) { return .open }
            relationshipEnded = relationships.compactMap(\.end).max().map(DecisionEngine.civilDate)
        }
        return rule.lastDay(collectedOn: DecisionEngine.civilDate(collectedAt), relationshipEnded: relationshipEnded)
            .map { .ended($0) } ?? .open
    }
}

/// The outcome of planning an erasure.
public struct ErasurePlan: Sendable, Hashable {
    /// Categories erased now.
    public var erase: [String]
    /// Categories kept, each with why and until when.
    public var keep: [KeptCategory]

    public init(erase: [String], keep: [KeptCategory]) {
        self.erase = erase
        self.keep = keep
    }

    /// True when nothing is kept: the subject's data key can be destroyed.
    public var erasesEverything: Bool { keep.isEmpty }

    public struct KeptCategory: Sendable, Hashable {
        public var category: String
        public var grounds: [Ground]

        public init(category: String, grounds: [Ground]) {
            self.category = category
            self.grounds = grounds
        }

        /// The last day the category is kept; nil while a ground has no fixed end.
        public var until: CivilDate? {
            if grounds.contains(where: { $0.until == nil }) { return nil }
            return grounds.compactMap(\.until).max()
        }
    }

    /// A reason to keep a category despite an erasure request.
    public struct Ground: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, Codable {
            /// Art. 17(3)(b): a legal obligation to keep the data.
            case legalObligation = "legal_obligation"
            /// Art. 17(3)(e): legal claims within the limitation period.
            case legalClaims = "legal_claims"
            /// Art. 17(3)(b)/(e): a legal hold set by staff.
            case legalHold = "legal_hold"
            /// Art. 17(1)(a) does not apply: the data is still necessary for a contract in force.
            case contractInForce = "contract_in_force"

            public var article: ArticleReference {
                switch self {
                case .legalObligation: return ArticleReference(17, 3, "b")
                case .legalClaims, .legalHold: return ArticleReference(17, 3, "e")
                case .contractInForce: return ArticleReference(17, 1, "a")
                }
            }
        }

        public var kind: Kind
        /// The purpose that needs the data, for policy-derived grounds.
        public var purpose: String?
        /// The law that imposes the period, for legal obligations.
        public var law: LocalizedText?
        /// Staff's reason, for legal holds.
        public var reason: String?
        /// The last day the ground applies; nil while it has no fixed end.
        public var until: CivilDate?

        public init(kind: Kind, purpose: String?, law: LocalizedText?, reason: String?, until: CivilDate?) {
            self.kind = kind
            self.purpose = purpose
            self.law = law
            self.reason = reason
            self.until = until
        }
    }
}
