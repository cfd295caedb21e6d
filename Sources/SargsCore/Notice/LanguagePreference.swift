import Foundation

/// Chooses the language of a page from what the reader asked for: an explicit choice first, then
/// the browser's `Accept-Language` (RFC 9110 §12.5.4) by weight, then the policy's authoritative language.
public enum LanguagePreference {
    /// - Parameters:
    ///   - explicit: a `?lang=` choice, honoured when the notice is published in it.
    ///   - acceptLanguage: the header's value, e.g. `lv-LV,lv;q=0.9,en;q=0.5`.
    ///   - available: the languages the notice is published in.
    public static func choose(
        explicit: String?, acceptLanguage: String?, available: [String], fallback: String
    ) -> String {
        if let explicit = explicit.map(primary), available.contains(explicit) { return explicit }
        for tag in ranked(acceptLanguage ?? "") {
            let language = primary(tag)
            if available.contains(language) { return language }
        }
        return fallback
    }

    /// The header's language ranges by descending weight (stable for equal weights), without `q=0`.
    static func ranked(_ header: String) -> [String] {
        let entries: [(tag: String, weight: Double, position: Int)] = header.split(separator: ",").enumerated()
            .compactMap { position, part in
                let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let tag = pieces.first, !tag.isEmpty, tag != "*" else { return nil }
                let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
                return weight > 0 ? (tag, weight, position) : nil
            }
        return entries.sorted { ($0.weight, -$0.position) > ($1.weight, -$1.position) }.map(\.tag)
    }

    static func primary(_ tag: String) -> String {
        String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
    }
}
