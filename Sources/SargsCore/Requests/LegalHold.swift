/// A legal hold: data that must not be erased, for example because of litigation, an
/// investigation or an authority's order (GDPR Art. 17(3)(b) and (e)). Set by staff.
public struct LegalHold: Sendable, Hashable, Codable {
    /// Why the data is held, in words that contain no personal data.
    public var reason: String
    /// The categories held; nil holds every category of the subject.
    public var categories: [String]?
    /// The last day of the hold; nil until released.
    public var until: CivilDate?

    public init(reason: String, categories: [String]? = nil, until: CivilDate? = nil) {
        self.reason = reason
        self.categories = categories
        self.until = until
    }

    /// Whether the hold still applies on `today`.
    public func isActive(on today: CivilDate) -> Bool { until.map { today <= $0 } ?? true }

    /// Whether the hold covers a stored category.
    public func covers(_ category: String) -> Bool {
        categories.map { $0.contains { DataCategoryKey.covers($0, category) } } ?? true
    }
}

/// fideslang category keys form a tree: `user.name` covers `user.name.first`.
public enum DataCategoryKey {
    /// Whether `declared` is `stored` or one of its ancestors.
    public static func covers(_ declared: String, _ stored: String) -> Bool {
        stored == declared || stored.hasPrefix(declared + ".")
    }
}
