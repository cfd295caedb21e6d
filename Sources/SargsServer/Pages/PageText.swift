import SargsCore

/// The wording of the public pages in one language, from the catalogues the notice uses
/// (`page.*` keys), with the policy's languages as the choice offered.
struct PageText: Sendable {
    let strings: NoticeStrings
    let policy: Policy

    var language: String { strings.language }

    /// The page language: `?lang=`, then `Accept-Language`, then `preferred` (a subject's own
    /// language), then the policy's authoritative language; always one of the policy's languages.
    init(policy: Policy, explicit: String?, acceptLanguage: String?, preferred: String? = nil) throws {
        let available = policy.languages
        let fallback = preferred.flatMap { available.contains($0) ? $0 : nil } ?? policy.authoritativeLanguage
        let language = LanguagePreference.choose(
            explicit: explicit, acceptLanguage: preferred == nil ? acceptLanguage : nil,
            available: available, fallback: fallback)
        strings = try NoticeStrings(language: language)
        self.policy = policy
    }

    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        strings.text("page.\(key)", values)
    }

    /// A purpose's label in this language.
    func purpose(_ id: String) -> String {
        policy.purpose(id).map { $0.label.text(in: language, fallback: policy.authoritativeLanguage) } ?? id
    }

    /// The endonym of each language the policy publishes in.
    static let languageNames = [
        "lv": "Latviešu", "lt": "Lietuvių", "et": "Eesti",
        "en": "English", "uk": "Українська", "ru": "Русский",
    ]
}
