/// A kind of person whose data is processed (fideslang data subject, or a custom key).
public struct DataSubjectDeclaration: Sendable, Hashable, Codable {
    public var key: String
    /// Required for custom keys; fideslang keys have bundled labels in all six languages.
    public var label: LocalizedText?
}

/// A category of personal data (fideslang data category, or a custom key beneath one).
public struct DataCategoryDeclaration: Sendable, Hashable, Codable {
    public var key: String
    /// Required for custom keys; fideslang keys have bundled labels in all six languages.
    public var label: LocalizedText?
    /// Special category under GDPR Art. 9(1); when omitted, taken from the taxonomy.
    public var special: Bool?
    /// Whether the subject provides it themselves (it then falls under portability, Art. 20).
    public var providedBySubject: Bool
}
