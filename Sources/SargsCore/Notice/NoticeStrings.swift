import Foundation

/// The fixed wording of notices and records in one language, from `Resources/notice/<lang>.json`.
public struct NoticeStrings: Sendable {
    public let language: String
    let entries: [String: String]

    /// Why a catalogue could not be loaded.
    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case unsupportedLanguage(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .unsupportedLanguage(let code):
                return
                    """
                    no notice wording exists for language '\(code)'; \
                    supported: \(PolicyValidator.supportedLanguages.joined(separator: ", "))
                    """
            case .malformed(let code): return "the notice wording for '\(code)' is malformed"
            }
        }
    }

    /// The catalogues of every supported language, loaded once.
    static let catalogues: [String: [String: String]] = {
        var result: [String: [String: String]] = [:]
        for language in PolicyValidator.supportedLanguages {
            guard let url = Bundle.module.url(forResource: language, withExtension: "json", subdirectory: "notice"),
                let data = try? Data(contentsOf: url),
                let entries = try? JSONDecoder().decode([String: String].self, from: data)
            else { continue }
            result[language] = entries
        }
        return result
    }()

    public init(language: String) throws(LoadError) {
        guard PolicyValidator.supportedLanguages.contains(language) else { throw .unsupportedLanguage(language) }
        guard let entries = Self.catalogues[language] else { throw .malformed(language) }
        self.language = language
        self.entries = entries
    }

    /// Every key of the catalogue (tests compare languages with it).
    public var keys: Set<String> { Set(entries.keys) }

    /// The text for `key`, preferring a jurisdiction-specific variant `key.<profile>`.
    public func text(
        _ key: String, profile: JurisdictionSettings.ProfileKind? = nil,
        _ values: [String: String] = [:]
    ) -> String {
        var template = profile.flatMap { entries["\(key).\($0.rawValue)"] } ?? entries[key] ?? key
        for (name, value) in values {
            // A value ending in a full stop (a Latvian date, `05.01.2027.`) also ends the sentence it closes.
            if value.hasSuffix(".") { template = template.replacingOccurrences(of: "{\(name)}.", with: value) }
            template = template.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return template
    }

    /// A date written the way the language writes dates in legal text, e.g. `01.05.2024.` in Latvian.
    /// Numeric forms avoid case endings that a date inside a sentence would otherwise need.
    public func date(_ date: CivilDate) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard
            let instant = calendar.date(
                from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))
        else {
            return date.description
        }
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: language)
        formatter.dateFormat = text("date.pattern")
        return formatter.string(from: instant)
    }
}
