import Foundation

/// What a company's own system holds about the subject, for an access or portability package:
/// per collection, the declared fields with their categories and the subject's rows.
public struct SystemExport: Sendable, Hashable, Codable {
    public struct Field: Sendable, Hashable, Codable {
        public var name: String
        public var categories: [String]
    }

    /// One collection's rows; in JSON each row is an array of values in the order of `fields`, so a
    /// column's own name is never rewritten by a key convention.
    public struct Collection: Sendable, Hashable, Codable {
        public var name: String
        public var fields: [Field]
        public var rows: [DatasetRow]

        enum CodingKeys: String, CodingKey { case name, fields, rows }

        public init(name: String, fields: [Field], rows: [DatasetRow]) {
            self.name = name
            self.fields = fields
            self.rows = rows
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(fields, forKey: .fields)
            try container.encode(rows.map { row in fields.map { row[$0.name] ?? .null } }, forKey: .rows)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            let fields = try container.decode([Field].self, forKey: .fields)
            let values = try container.decode([[DatasetValue]].self, forKey: .rows)
            self.fields = fields
            rows = values.map { Dictionary(uniqueKeysWithValues: zip(fields.map(\.name), $0)) }
        }
    }

    /// The dataset's `fides_key`.
    public var system: String
    public var name: String?
    public var collections: [Collection]

    /// Categories never copied into a package: credentials (a password hash, a security answer)
    /// would let whoever reads the package act as the person, and tell them nothing about their data.
    public static let withheldCategories = "user.authorization"

    /// The rows `found` in `dataset`, each with the declared fields only (a column Sargs was not
    /// told about is not read into a package), credentials left out.
    public init(_ dataset: FidesDataset, found: DatasetSearch.Found) {
        system = dataset.fidesKey
        name = dataset.name
        collections = dataset.collections.compactMap { collection in
            guard let rows = found.rows[collection.name], !rows.isEmpty else { return nil }
            let fields = collection.fields.map {
                Field(name: $0.name, categories: DatasetErasurePlan.fieldCategories($0, in: collection))
            }.filter { field in
                !field.categories.contains {
                    $0 == Self.withheldCategories || $0.hasPrefix(Self.withheldCategories + ".")
                }
            }
            let names = Set(fields.map(\.name))
            return Collection(
                name: collection.name, fields: fields, rows: rows.map { $0.filter { names.contains($0.key) } })
        }
    }

    /// The export limited to fields whose categories are all `portable` (Art. 20(1)); keys and
    /// references without a category stay, so rows can still be related.
    public func limited(to portable: Set<String>) -> SystemExport {
        var limited = self
        limited.collections = collections.compactMap { collection in
            let kept = collection.fields.filter { $0.categories.isEmpty || $0.categories.allSatisfy(portable.contains) }
            guard kept.contains(where: { !$0.categories.isEmpty }) else { return nil }
            let names = Set(kept.map(\.name))
            return Collection(
                name: collection.name, fields: kept, rows: collection.rows.map { $0.filter { names.contains($0.key) } })
        }
        return limited
    }

    /// The rows as CSV, one file per collection: the declared fields as columns, in their order.
    public func csv(_ collection: Collection) -> String {
        func escaped(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let header = collection.fields.map { escaped($0.name) }.joined(separator: ",")
        let lines = collection.rows.map { row in
            collection.fields.map { escaped(row[$0.name]?.description ?? "") }.joined(separator: ",")
        }
        return ([header] + lines).joined(separator: "\r\n") + "\r\n"
    }

    public var rowCount: Int { collections.reduce(0) { $0 + $1.rows.count } }
}
