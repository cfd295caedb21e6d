import Foundation
import SargsCore

/// The company's own datasets the policy names (`datasets:`), loaded at start: each fideslang
/// dataset with the database URL its connection variable holds (nil when the variable is unset,
/// so requests report that system as failed rather than skip it).
public struct CompanyDatasets: Sendable {
    public struct Entry: Sendable {
        public let reference: DatasetReference
        public let dataset: FidesDataset
        /// `postgres://…` or `sqlite:…`; never logged, audited or shown.
        public let url: String?

        public init(reference: DatasetReference, dataset: FidesDataset, url: String?) {
            self.reference = reference
            self.dataset = dataset
            self.url = url
        }

        /// The system's name in requests, the console and the audit trail: the dataset's `fides_key`.
        public var system: String { dataset.fidesKey }
    }

    public let entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// Loads the datasets `policy` names from files beside `policyFile`, with their URLs from
    /// `connections` (environment variables by name). A file that does not load is a start-up error.
    public static func load(
        _ policy: Policy, policyFile: String, connections: [String: String]
    ) throws(ConfigurationError) -> CompanyDatasets {
        var entries: [Entry] = []
        for reference in policy.datasets ?? [] {
            let path = reference.path(besidePolicy: policyFile)
            let loaded = DatasetLoader.load(contentsOf: path)
            guard let file = loaded.file, !loaded.diagnostics.hasErrors else {
                throw .invalid("datasets", "the dataset file \(path) does not load: run sargs policy check")
            }
            let url = connections[reference.connection].flatMap { $0.isEmpty ? nil : $0 }
            entries += file.dataset.map { Entry(reference: reference, dataset: $0, url: url) }
        }
        return CompanyDatasets(entries: entries)
    }

    public func entry(_ system: String) -> Entry? { entries.first { $0.system == system } }
}
