import Foundation

/// Country facts needed for transfer checks and for naming countries in notices.
public enum Countries {
    /// Member states of the European Union.
    public static let europeanUnion: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
        "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]

    /// The European Economic Area: the EU plus Iceland, Liechtenstein and Norway (GDPR applies via the EEA Agreement).
    public static let europeanEconomicArea: Set<String> = europeanUnion.union(["IS", "LI", "NO"])

    /// The country's name in `language`, from the platform's locale data.
    public static func name(_ code: String, in language: String) -> String {
        Locale(identifier: language).localizedString(forRegionCode: code) ?? code
    }

    /// The language's own name in `language`, e.g. `latviešu` for `lv` in `lv`.
    public static func languageName(_ code: String, in language: String) -> String {
        Locale(identifier: language).localizedString(forLanguageCode: code) ?? code
    }
}
