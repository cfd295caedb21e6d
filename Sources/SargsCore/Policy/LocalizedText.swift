/// Text in several languages, or one language-neutral text (a proper name, an address).
///
/// In YAML either `label: Coral Club` (the same in every language) or
/// `label: {lv: Klienti, en: Customers}`.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// Language-neutral text, used when no translation map was given.
    public var neutral: String?
    /// Translations by language code.
    public var translations: [String: String]

    public init(neutral: String) {
        self.neutral = neutral
        self.translations = [:]
    }

    public init(_ translations: [String: String]) {
        self.neutral = nil
        self.translations = translations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.init(neutral: text)
        } else {
            self.init(try container.decode([String: String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let neutral { try container.encode(neutral) } else { try container.encode(translations) }
    }

    /// True when the text is language-neutral, so it needs no translations.
    public var isNeutral: Bool { neutral != nil }

    /// The text in `language`, falling back to the neutral text.
    public func text(in language: String) -> String? {
        neutral ?? translations[language]
    }

    /// The text in `language`, or in `fallback` when that translation is missing.
    public func text(in language: String, fallback: String) -> String {
        text(in: language) ?? translations[fallback] ?? translations.values.sorted().first ?? ""
    }

    /// The languages among `languages` that have no text.
    public func missing(in languages: [String]) -> [String] {
        isNeutral ? [] : languages.filter { (translations[$0] ?? "").isEmpty }
    }
}
