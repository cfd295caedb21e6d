import Foundation

/// The fideslang default taxonomy (CC BY 4.0), bundled with labels in the six notice languages.
public struct Taxonomy: Sendable {
    public struct Category: Sendable, Codable {
        public var key: String
        public var parent: String?
        public var name: String
        /// Special category under GDPR Art. 9(1).
        public var special: Bool
        public var labels: [String: String]
    }

    public struct Use: Sendable, Codable {
        public var key: String
        public var parent: String?
        public var name: String
    }

    public struct Subject: Sendable, Codable {
        public var key: String
        public var name: String
        public var labels: [String: String]
    }

    public let categories: [String: Category]
    public let uses: [String: Use]
    public let subjects: [String: Subject]

    /// The bundled fideslang taxonomy, loaded once.
    public static let fideslang: Taxonomy = {
        struct File: Decodable {
            var dataCategories: [Category]
            var dataUses: [Use]
            var dataSubjects: [Subject]
        }
        guard let url = Bundle.module.url(forResource: "fideslang", withExtension: "json", subdirectory: "taxonomy"),
            let data = try? Data(contentsOf: url)
        else {
            fatalError("SargsCore resource taxonomy/fideslang.json is missing from the bundle")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            let file = try decoder.decode(File.self, from: data)
            return Taxonomy(
                categories: Dictionary(uniqueKeysWithValues: file.dataCategories.map { ($0.key, $0) }),
                uses: Dictionary(uniqueKeysWithValues: file.dataUses.map { ($0.key, $0) }),
                subjects: Dictionary(uniqueKeysWithValues: file.dataSubjects.map { ($0.key, $0) }))
        } catch {
            fatalError("SargsCore resource taxonomy/fideslang.json is malformed: \(error)")
        }
    }()

    /// The key one level up, e.g. `user.contact` for `user.contact.messenger_id`; nil for a root key.
    public static func parent(of key: String) -> String? {
        guard let dot = key.lastIndex(of: ".") else { return nil }
        return String(key[..<dot])
    }

    /// The nearest ancestor of a dotted key that satisfies `isKnown`, e.g. `user.contact` for `user.contact.messenger`.
    public static func knownAncestor(of key: String, where isKnown: (String) -> Bool) -> String? {
        var parts = key.split(separator: ".")
        while parts.count > 1 {
            parts.removeLast()
            let candidate = parts.joined(separator: ".")
            if isKnown(candidate) { return candidate }
        }
        return nil
    }

    /// Whether a category key, or any of its taxonomy ancestors, is an Art. 9(1) special category.
    public func isSpecial(_ key: String) -> Bool {
        if let category = categories[key] { return category.special }
        guard let ancestor = Self.knownAncestor(of: key, where: { categories[$0] != nil }) else { return false }
        return categories[ancestor]?.special ?? false
    }
}
