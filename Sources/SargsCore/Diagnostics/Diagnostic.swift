/// How serious a finding is: errors make a policy invalid, warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A position in a source file, 1-based like editors show it.
public struct SourceLocation: Sendable, Codable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// One finding about a policy file: where it is, what is wrong, and how to fix it.
public struct Diagnostic: Sendable, Codable, Hashable {
    public var severity: Severity
    /// A stable machine-readable code, e.g. `unknown-key` (see `DiagnosticCode`).
    public var code: DiagnosticCode
    public var location: SourceLocation
    /// The YAML path of the offending node, e.g. `purposes[2].legal_basis`.
    public var path: String
    public var message: String
    public var hint: String?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation,
        path: String, message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.location = location
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: message [path]` followed by the hint, as compilers print it.
    public var formatted: String {
        var text =
            """
            \(location.file):\(location.line):\(location.column): \
            \(severity.rawValue): \(message) [\(path.isEmpty ? "(root)" : path)]
            """
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Stable codes for every kind of finding, so tools and tests can rely on them.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
    case yamlSyntax = "yaml-syntax"
    case duplicateKey = "duplicate-key"
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case wrongType = "wrong-type"
    case invalidValue = "invalid-value"
    case invalidDuration = "invalid-duration"
    case undeclaredReference = "undeclared-reference"
    case missingChannels = "missing-channels"
    case specialCategoryWithoutCondition = "special-category-without-condition"
    case missingLegitimateInterest = "missing-legitimate-interest"
    case consentRetentionOutlivesConsent = "consent-retention-outlives-consent"
    case retentionPeriodMissing = "retention-period-missing"
    case transferWithoutSafeguard = "transfer-without-safeguard"
    case missingTranslation = "missing-translation"
    case authoritativeLanguageUndeclared = "authoritative-language-undeclared"
    case minimumAgeBelowChildConsentAge = "minimum-age-below-child-consent-age"
    case unsupportedLanguage = "unsupported-language"
    case unknownTaxonomyKey = "unknown-taxonomy-key"
    case noDPO = "no-dpo"
    case unusedDeclaration = "unused-declaration"
    case doubtfulPractice = "doubtful-practice"
}

extension Array where Element == Diagnostic {
    /// True when any finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
