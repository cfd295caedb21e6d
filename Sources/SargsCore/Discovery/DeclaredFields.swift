import Foundation
import Yams

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

    /// Adds the fields of one dataset file; a file that is not a fideslang dataset is refused with
    /// its name and the path of what is wrong.
    public mutating func read(yaml: String, file: String) throws(DatasetFileError) {
        let root: Any?
        do { root = try Yams.load(yaml: yaml) } catch { throw DatasetFileError(file: file, problem: "\(error)") }
        guard let top = root as? [String: Any], let datasets = top["dataset"] as? [Any] else {
            throw DatasetFileError(file: file, problem: "dataset: a list of datasets is expected (fideslang)")
        }
        for (d, dataset) in datasets.enumerated() {
            guard let collections = (dataset as? [String: Any])?["collections"] as? [Any] else {
                throw DatasetFileError(file: file, problem: "dataset[\(d)].collections: a list is expected")
            }
            for (c, collection) in collections.enumerated() {
                guard let collection = collection as? [String: Any], let name = collection["name"] as? String else {
                    throw DatasetFileError(
                        file: file, problem: "dataset[\(d)].collections[\(c)].name: a name is expected")
                }
                for (f, field) in ((collection["fields"] as? [Any]) ?? []).enumerated() {
                    guard let field = (field as? [String: Any])?["name"] as? String else {
                        throw DatasetFileError(
                            file: file, problem: "dataset[\(d)].collections[\(c)].fields[\(f)].name: a name is expected"
                        )
                    }
                    names.insert("\(name.lowercased()).\(field.lowercased())")
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
