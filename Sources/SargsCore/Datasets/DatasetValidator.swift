import Foundation

/// The rules a company's datasets must keep before Sargs may reach them (issue 25), each reported
/// at the line and column of the offending node:
/// - every data category is a fideslang category and is declared by a purpose of the policy (a
///   field holding data no purpose declares is processing the notice does not tell, Art. 13(1)(c));
/// - every identity is one Sargs can match a subject by (`email`, `phone_number`, `external_id`);
/// - every reference names a dataset and a `collection.field` that exist;
/// - every collection with personal fields can be reached from an identity, directly or through
///   references, so access and erasure find its rows (Art. 15, 17);
/// - a field whose name says it is personal (`email`, `surname`, `personas_kods`…) has a category.
public enum DatasetValidator {
    /// The identities a subject is matched by: the vault's blind indexes and external reference.
    public static let identities: Set<String> = ["email", "phone_number", "external_id"]

    /// One loaded file and where its nodes are.
    public struct Loaded: Sendable {
        public var file: FidesDatasetFile
        public var sourceMap: SourceMap

        public init(file: FidesDatasetFile, sourceMap: SourceMap) {
            self.file = file
            self.sourceMap = sourceMap
        }
    }

    public static func validate(_ loaded: [Loaded], policy: Policy, taxonomy: Taxonomy = .fideslang) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let declared = Set(policy.purposes.flatMap(\.categories))
        // `collection.field` of every dataset, for references.
        var fields: [String: Set<String>] = [:]
        for item in loaded {
            for dataset in item.file.dataset {
                fields[dataset.fidesKey, default: []].formUnion(
                    dataset.collections.flatMap { collection in
                        collection.fields.map { "\(collection.name).\($0.name)" }
                    })
            }
        }
        for item in loaded {
            func report(_ code: DiagnosticCode, _ path: String, _ message: String, hint: String? = nil) {
                diagnostics.append(
                    Diagnostic(
                        .error, code, at: item.sourceMap.location(of: path), path: path, message: message, hint: hint))
            }
            for (d, dataset) in item.file.dataset.enumerated() {
                var reached: Set<String> = []
                var edges: [(from: String, to: String)] = []
                var personal: [(collection: String, path: String)] = []
                for (c, collection) in dataset.collections.enumerated() {
                    let collectionPath = "dataset[\(d)].collections[\(c)]"
                    var holdsPersonal = !(collection.dataCategories ?? []).isEmpty
                    for (f, field) in collection.fields.enumerated() {
                        let path = "\(collectionPath).fields[\(f)]"
                        let categories = field.dataCategories ?? []
                        for (k, category) in categories.enumerated() {
                            if taxonomy.categories[category] == nil {
                                report(
                                    .unknownTaxonomyKey, "\(path).data_categories[\(k)]",
                                    "'\(category)' is not a fideslang data category")
                            } else if !covered(category, by: declared) {
                                report(
                                    .undeclaredReference, "\(path).data_categories[\(k)]",
                                    "no purpose of the policy declares '\(category)'",
                                    hint: "add it (or a broader category) to the categories of the purpose that uses it"
                                )
                            }
                        }
                        holdsPersonal = holdsPersonal || !categories.isEmpty
                        if categories.isEmpty, (collection.dataCategories ?? []).isEmpty,
                            let finding = PersonalColumnClassifier.classify(
                                ColumnEvidence(table: collection.name, column: field.name, type: "text", samples: []))
                        {
                            report(
                                .missingKey, "\(path).data_categories",
                                """
                                '\(collection.name).\(field.name)' looks personal (\(finding.reason)) \
                                but has no category
                                """,
                                hint: "declare its category, e.g. data_categories: [\(finding.category)]")
                        }
                        if let identity = field.fidesMeta?.identity {
                            if identities.contains(identity) {
                                reached.insert(collection.name)
                            } else {
                                report(
                                    .invalidValue, "\(path).fides_meta.identity",
                                    "'\(identity)' is not an identity Sargs matches subjects by",
                                    hint: "use one of \(identities.sorted().joined(separator: ", "))")
                            }
                        }
                        for (r, reference) in (field.fidesMeta?.references ?? []).enumerated() {
                            let referencePath = "\(path).fides_meta.references[\(r)]"
                            guard let known = fields[reference.dataset] else {
                                report(
                                    .undeclaredReference, "\(referencePath).dataset",
                                    "no dataset file declares the dataset '\(reference.dataset)'")
                                continue
                            }
                            guard known.contains(reference.field) else {
                                report(
                                    .undeclaredReference, "\(referencePath).field",
                                    "'\(reference.field)' is not a collection.field of '\(reference.dataset)'")
                                continue
                            }
                            if reference.dataset == dataset.fidesKey,
                                let target = reference.field.split(separator: ".").first
                            {
                                // Rows are found along a reference in its direction (both when it has none),
                                // as `DatasetGraph` follows it.
                                if reference.direction != "to" { edges.append((String(target), collection.name)) }
                                if reference.direction != "from" { edges.append((collection.name, String(target))) }
                            }
                        }
                    }
                    if holdsPersonal { personal.append((collection.name, collectionPath)) }
                }
                // Follow references from the collections an identity reaches.
                var changed = true
                while changed {
                    changed = false
                    for edge in edges where reached.contains(edge.from) && !reached.contains(edge.to) {
                        reached.insert(edge.to)
                        changed = true
                    }
                }
                if reached.isEmpty, !personal.isEmpty {
                    report(
                        .missingKey, "dataset[\(d)]",
                        """
                        the dataset '\(dataset.fidesKey)' has no identity field, so no subject's rows can be found in it
                        """,
                        hint: "mark the field that holds the e-mail address with fides_meta: {identity: email}")
                } else {
                    for (collection, path) in personal where !reached.contains(collection) {
                        report(
                            .undeclaredReference, path,
                            "no identity reaches the collection '\(collection)', directly or through references",
                            hint:
                                """
                                add fides_meta.references from a field \
                                of '\(collection)' to a collection with an identity
                                """
                        )
                    }
                }
            }
        }
        return diagnostics
    }

    /// Whether `category` is declared, itself or through a broader category (`user.contact`
    /// covers `user.contact.email`).
    static func covered(_ category: String, by declared: Set<String>) -> Bool {
        var key: String? = category
        while let current = key {
            if declared.contains(current) { return true }
            key = Taxonomy.parent(of: current)
        }
        return false
    }
}
