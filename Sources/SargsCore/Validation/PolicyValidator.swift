import Foundation
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
        validator.checkSystems()
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

    /// - Parameter checkingDatasets: whether the dataset files the policy names are read (beside
    ///   `file`) and checked; false for a version stored in the database, whose files were checked
    ///   when it was published and are not stored with it.
    public static func check(yaml: String, file: String, checkingDatasets: Bool = true) -> Outcome {
        validated(PolicyLoader.load(yaml: yaml, file: file), checkingDatasets: checkingDatasets)
    }

    public static func check(contentsOf path: String) -> Outcome {
        validated(PolicyLoader.load(contentsOf: path))
    }

    /// Adds the legal rules' findings to a structurally sound load.
    static func validated(_ loaded: PolicyLoadResult, checkingDatasets: Bool = true) -> Outcome {
        var diagnostics = loaded.diagnostics
        if let policy = loaded.policy {
            diagnostics += PolicyValidator.validate(policy, sourceMap: loaded.sourceMap)
            if checkingDatasets {
                var datasetKeys: Set<String> = []
                diagnostics += datasetDiagnostics(policy, sourceMap: loaded.sourceMap, keys: &datasetKeys)
                diagnostics += systemDiagnostics(policy, sourceMap: loaded.sourceMap, datasetKeys: datasetKeys)
            }
        }
        return Outcome(policy: loaded.policy, diagnostics: diagnostics, sourceMap: loaded.sourceMap)
    }

    /// The dataset files the policy names, loaded relative to the policy file and checked against
    /// it (`DatasetValidator`), with the connection names checked to be environment variables.
    static func datasetDiagnostics(_ policy: Policy, sourceMap: SourceMap, keys: inout Set<String>) -> [Diagnostic] {
        guard let references = policy.datasets else { return [] }
        var diagnostics: [Diagnostic] = []
        var loaded: [DatasetValidator.Loaded] = []
        for (index, reference) in references.enumerated() {
            if !DatasetReference.isEnvironmentName(reference.connection) {
                let path = "datasets[\(index)].connection"
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidValue, at: sourceMap.location(of: path), path: path,
                        message: "must name an environment variable, e.g. SHOP_DATABASE_URL",
                        hint: "the URL itself holds credentials: keep it in the environment, never in the policy"))
            }
            let result = DatasetLoader.load(contentsOf: reference.path(besidePolicy: sourceMap.file))
            diagnostics += result.diagnostics
            if let dataset = result.file {
                loaded.append(.init(file: dataset, sourceMap: result.sourceMap))
                for (position, declared) in dataset.dataset.enumerated() {
                    // Requests, the console and the audit trail name a dataset by its key: one each.
                    if !keys.insert(declared.fidesKey).inserted {
                        let path = "dataset[\(position)].fides_key"
                        diagnostics.append(
                            Diagnostic(
                                .error, .duplicateKey, at: result.sourceMap.location(of: path), path: path,
                                message: "another dataset the policy names already has the fides_key "
                                    + "'\(declared.fidesKey)'",
                                hint: "every dataset needs its own fides_key"))
                    }
                }
                if let marker = reference.restriction {
                    let path = "datasets[\(index)].restriction"
                    let collections = dataset.dataset.flatMap(\.collections).filter { $0.name == marker.collection }
                    let columns = collections.flatMap(\.fields).map(\.name)
                    let personal = collections.contains { collection in
                        collection.fields.contains {
                            $0.name == marker.field && !DatasetErasurePlan.fieldCategories($0, in: collection).isEmpty
                        }
                    }
                    if columns.isEmpty {
                        diagnostics.append(
                            Diagnostic(
                                .error, .undeclaredReference, at: sourceMap.location(of: "\(path).collection"),
                                path: "\(path).collection",
                                message: "the dataset file has no collection '\(marker.collection)'"))
                    } else if !columns.contains(marker.field) {
                        diagnostics.append(
                            Diagnostic(
                                .error, .undeclaredReference, at: sourceMap.location(of: "\(path).field"),
                                path: "\(path).field",
                                message: "the collection '\(marker.collection)' declares no field '\(marker.field)'",
                                hint: "declare the column in the dataset file (it holds no personal data: no category)")
                        )
                    } else if personal {
                        diagnostics.append(
                            Diagnostic(
                                .error, .invalidValue, at: sourceMap.location(of: "\(path).field"),
                                path: "\(path).field",
                                message:
                                    "the restriction column '\(marker.field)' holds a data category, so an erasure "
                                    + "or retention would empty it",
                                hint: "give the column no category (a collection's data_categories cover it unless it "
                                    + "is a key)"))
                    }
                }
            }
        }
        return diagnostics + DatasetValidator.validate(loaded, policy: policy)
    }
}
