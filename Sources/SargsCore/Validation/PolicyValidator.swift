/// Applies the legal and consistency rules to a structurally sound policy.
///
/// Every rule reports through `report`, so one run lists every problem.
public struct PolicyValidator {
    public let policy: Policy
    public let sourceMap: SourceMap
    public let taxonomy: Taxonomy
    public let profile: JurisdictionProfile
    let index: PolicyIndex
    private(set) var diagnostics: [Diagnostic] = []

    /// The notice languages Sargs has fixed wording for.
    public static let supportedLanguages = ["en", "lv", "lt", "et", "uk", "ru"]

    public init(policy: Policy, sourceMap: SourceMap, taxonomy: Taxonomy = .fideslang) {
        self.policy = policy
        self.sourceMap = sourceMap
        self.taxonomy = taxonomy
        self.profile = JurisdictionProfile.resolve(policy.jurisdiction)
        self.index = PolicyIndex(policy)
    }

    /// Every finding, errors and warnings, in file order.
    public static func validate(_ policy: Policy, sourceMap: SourceMap) -> [Diagnostic] {
        var validator = PolicyValidator(policy: policy, sourceMap: sourceMap)
        validator.checkLanguages()
        validator.checkJurisdiction()
        validator.checkUniqueIdentifiers()
        validator.checkTaxonomyKeys()
        validator.checkReferences()
        validator.checkPurposeRules()
        validator.checkRetentionRules()
        validator.checkTransfers()
        validator.checkTranslations()
        validator.checkAges()
        validator.checkDoubtfulPractices()
        return validator.diagnostics.sorted {
            ($0.location.line, $0.location.column, $0.path) < ($1.location.line, $1.location.column, $1.path)
        }
    }

    mutating func error(_ code: DiagnosticCode, _ path: String, _ message: String, hint: String? = nil) {
        diagnostics.append(
            Diagnostic(.error, code, at: sourceMap.location(of: path), path: path, message: message, hint: hint))
    }

    mutating func warning(_ code: DiagnosticCode, _ path: String, _ message: String, hint: String? = nil) {
        diagnostics.append(
            Diagnostic(.warning, code, at: sourceMap.location(of: path), path: path, message: message, hint: hint))
    }
}

/// Loads and fully checks a policy: structure first, then the legal rules.
public enum PolicyChecker {
    /// The result of checking one file.
    public struct Outcome: Sendable {
        public var policy: Policy?
        public var diagnostics: [Diagnostic]
        public var sourceMap: SourceMap
        /// True when there are no errors (warnings allowed).
        public var isValid: Bool { policy != nil && !diagnostics.hasErrors }
    }

    public static func check(yaml: String, file: String) -> Outcome {
        validated(PolicyLoader.load(yaml: yaml, file: file))
    }

    public static func check(contentsOf path: String) -> Outcome {
        validated(PolicyLoader.load(contentsOf: path))
    }

    /// Adds the legal rules' findings to a structurally sound load.
    static func validated(_ loaded: PolicyLoadResult) -> Outcome {
        var diagnostics = loaded.diagnostics
        if let policy = loaded.policy {
            diagnostics += PolicyValidator.validate(policy, sourceMap: loaded.sourceMap)
        }
        return Outcome(policy: loaded.policy, diagnostics: diagnostics, sourceMap: loaded.sourceMap)
    }
}
