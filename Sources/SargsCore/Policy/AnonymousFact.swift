import Foundation

/// A coarse, non-identifying fact that an `anonymise` retention rule may keep after the personal
/// values are removed (`retention_rules[].keep`). The list is closed on purpose: a policy can only
/// name one of these generalisations, never a category, so no direct identifier (name, e-mail
/// address, phone number, address, identifier) can survive anonymisation. Each fact is derived
/// from the subject's values at the moment of anonymisation and stored without any link to the
/// subject (GDPR Recital 26: data that no longer relates to an identifiable person).
public enum AnonymousFact: String, Sendable, Hashable, Codable, CaseIterable {
    /// The year of birth, from `user.demographic.date_of_birth`.
    case yearOfBirth = "year_of_birth"
    /// A ten-year age band at the moment of anonymisation (`30-39`), from the date of birth.
    case ageBand = "age_band"
    /// The country: `user.contact.address.country` when stored, else the subject's country.
    case country
    /// The subject's language.
    case language
    /// The year the anonymised values were first collected.
    case collectedYear = "collected_year"

    /// What anonymisation reads to derive the facts, besides the subject's country and language.
    public struct Source: Sendable, Hashable {
        /// The subject's stored values that facts may be derived from, by category (only the
        /// categories in `AnonymousFact.sourceCategories` are consulted).
        public var values: [String: String]
        public var country: String
        public var language: String
        /// When the anonymised values were first collected.
        public var collectedAt: Date

        public init(values: [String: String], country: String, language: String, collectedAt: Date) {
            self.values = values
            self.country = country
            self.language = language
            self.collectedAt = collectedAt
        }
    }

    /// The categories whose values some fact is derived from: the only values anonymisation opens.
    public static let sourceCategories = [ContactValue.birthDateCategory, countryCategory]
    static let countryCategory = "user.contact.address.country"

    /// The facts in `kept` that can be derived from `source` on `today`, keyed by raw value.
    /// A fact with nothing to derive it from is left out rather than guessed.
    public static func derive(_ kept: [AnonymousFact], from source: Source, today: CivilDate) -> [String: String] {
        var facts: [String: String] = [:]
        let birth = source.values[ContactValue.birthDateCategory].flatMap(CivilDate.init(iso:))
        for fact in kept {
            switch fact {
            case .yearOfBirth:
                if let birth { facts[fact.rawValue] = String(birth.year) }
            case .ageBand:
                if let birth {
                    let low = ContactValue.age(bornOn: birth, on: today) / 10 * 10
                    facts[fact.rawValue] = "\(low)-\(low + 9)"
                }
            case .country:
                let stored = source.values[countryCategory].map { $0.uppercased() }
                let country = stored.flatMap { $0.count == 2 ? $0 : nil } ?? source.country
                if !country.isEmpty { facts[fact.rawValue] = country }
            case .language:
                if !source.language.isEmpty { facts[fact.rawValue] = source.language }
            case .collectedYear:
                facts[fact.rawValue] = String(DecisionEngine.civilDate(source.collectedAt).year)
            }
        }
        return facts
    }
}
