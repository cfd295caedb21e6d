import Crypto
import Foundation

extension RetentionPlanner {
    /// A hash of everything in the policy that decides what retention deletes: the retention rules
    /// and, per purpose, its categories, rule, legal basis and legal-claims flag. A real run after
    /// this changes must be confirmed first, so that a shortened period never deletes on its own.
    public var fingerprint: String {
        struct Ground: Encodable {
            var id: String
            var categories: [String]
            var retention: String
            var legalBasis: String
            var legalClaims: Bool
        }
        struct Basis: Encodable {
            /// How periods are computed: a change here, like one to the rules, is confirmed before a
            /// run deletes by it. 2: `end_of_financial_year` counts from the last accounting record.
            var computation = 2
            var rules: [RetentionRule]
            var purposes: [Ground]
        }
        let basis = Basis(
            rules: policy.retentionRules.sorted { $0.id < $1.id },
            purposes: policy.purposes.map {
                Ground(
                    id: $0.id, categories: $0.categories.sorted(), retention: $0.retention,
                    legalBasis: $0.legalBasis.rawValue, legalClaims: $0.legalClaims)
            }.sorted { $0.id < $1.id })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(basis)) ?? Data()
        return SHA256.hash(data: data).hex
    }
}
