import Foundation

/// The fields a company has already declared in fideslang dataset files (the YAML Ethyca Fides
/// uses: `dataset[].collections[].fields[]`), by collection: what the discovery scan does not
/// report again.
public struct DeclaredFields: Sendable, Equatable {
    /// `collection.field`, lower-cased.
    public private(set) var names: Set<String> = []

    public init() {}

    /// Whether `table.column` is declared in any of the files read.
    public func contains(table: String, column: String) -> Bool {
        names.contains("\(table.lowercased()).\(column.lowercased())")
    }

    /// Adds the fields of one dataset file, read with `DatasetLoader` (the loader `sargs policy
    /// check` uses); a file that is not a fideslang dataset is refused with the position and path of
    /// each error.
    public mutating func read(yaml: String, file: String) throws(DatasetFileError) {
        let loaded = DatasetLoader.load(yaml: yaml, file: file)
        guard let dataset = loaded.file else {
            let problems = loaded.diagnostics.errors.map {
                "\($0.location.line):\($0.location.column): \($0.message) [\($0.path.isEmpty ? "(root)" : $0.path)]"
            }
            throw DatasetFileError(file: file, problem: problems.joined(separator: "; "))
        }
        add(dataset)
    }

    /// Adds the fields of a loaded dataset file.
    public mutating func add(_ file: FidesDatasetFile) {
        for dataset in file.dataset {
            for collection in dataset.collections {
                for field in collection.fields {
                    names.insert("\(collection.name.lowercased()).\(field.name.lowercased())")
                }
            }
        }
    }
}

/// A dataset file that could not be read as fideslang.
public struct DatasetFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
