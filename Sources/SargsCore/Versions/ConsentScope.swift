/// When a new policy version asks more of a consent than the old one described, the consents
/// given under the old version no longer cover the purpose (GDPR Art. 4(11), 7(1): consent is
/// specific and informed; EDPB Guidelines 05/2020 §110: a new or wider purpose needs fresh consent).
public enum ConsentScope {
    /// The consent purposes of `new` whose earlier consents stop counting: a purpose that newly
    /// rests on consent, or one whose categories, recipients or transfers grew.
    public static func renewed(old: Policy, new: Policy) -> [String] {
        let before = Dictionary(old.purposes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return new.purposes.filter { purpose in
            guard purpose.legalBasis == .consent else { return false }
            guard let previous = before[purpose.id], previous.legalBasis == .consent else { return true }
            if !Set(purpose.categories).isSubset(of: previous.categories) { return true }
            let oldReach = reach(of: purpose.id, in: old), newReach = reach(of: purpose.id, in: new)
            return !newReach.isSubset(of: oldReach)
        }.map(\.id)
    }

    /// Who receives the purpose's data and where: one entry per recipient, country and category,
    /// so a new recipient, a new country (a transfer) or a new category given to a recipient all grow it.
    static func reach(of purpose: String, in policy: Policy) -> Set<String> {
        var entries: Set<String> = []
        for recipient in policy.recipients where recipient.purposes.contains(purpose) {
            entries.insert("recipient:\(recipient.id)")
            for country in recipient.countries { entries.insert("country:\(recipient.id):\(country)") }
            for category in recipient.categories { entries.insert("category:\(recipient.id):\(category)") }
            if let safeguard = recipient.transfer?.safeguard {
                entries.insert("transfer:\(recipient.id):\(safeguard.rawValue)")
            }
        }
        return entries
    }

    /// One published version, oldest first: its `policy.version` label and the purposes it renewed.
    public struct Step: Sendable, Hashable {
        public var version: String
        public var renewed: [String]

        public init(version: String, renewed: [String]) {
            self.version = version
            self.renewed = renewed
        }
    }

    /// For each purpose, the policy versions whose consents no longer cover it, from a history
    /// of versions oldest first: every version before the last one that renewed the purpose.
    public static func outdatedVersions(_ history: [Step]) -> [String: Set<String>] {
        var outdated: [String: Set<String>] = [:]
        var earlier: Set<String> = []
        for step in history {
            for purpose in step.renewed {
                outdated[purpose, default: []].formUnion(earlier.subtracting([step.version]))
            }
            earlier.insert(step.version)
        }
        return outdated
    }
}
