import Foundation

/// A value read from a company database, as the connectors carry it: text, a number, or nothing.
/// Values are never logged, audited or stored by Sargs; they travel only into an export package.
public enum DatasetValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case text(String)
    case integer(Int64)
    case real(Double)
    case null

    /// The value as a string key for matching across tables (an integer id and its text form match).
    public var matchKey: String? {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .null: return nil
        }
    }

    public var description: String { matchKey ?? "" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .real(let number): try container.encode(number)
        case .null: try container.encodeNil()
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let number = try? container.decode(Int64.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .real(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }
}

/// One row of a collection: field name → value.
public typealias DatasetRow = [String: DatasetValue]

/// What a search asks a database: the rows of `collection` whose `field` holds one of `values`,
/// with `fields` of each (nil: every field the dataset declares).
public struct DatasetQuery: Sendable, Hashable {
    public var collection: String
    public var field: String
    public var values: [DatasetValue]
    public var fields: [String]?

    public init(collection: String, field: String, values: [DatasetValue], fields: [String]? = nil) {
        self.collection = collection
        self.field = field
        self.values = values
        self.fields = fields
    }
}

/// Finds every row about a subject in one dataset, starting from the subject's identities and
/// following the dataset's links both ways until nothing new is found. The database is reached
/// only through `fetch`, so the walk is the same for every connector and testable without one.
public struct DatasetSearch: Sendable {
    public let dataset: FidesDataset
    public let graph: DatasetGraph

    public init(_ dataset: FidesDataset) {
        self.dataset = dataset
        self.graph = DatasetGraph(dataset)
    }

    /// The rows found, by collection, and the conditions that found them (for an erasure to act
    /// on exactly those rows).
    public struct Found: Sendable, Hashable {
        public var rows: [String: [DatasetRow]] = [:]
        /// Per collection: field → the values that matched.
        public var matched: [String: [String: [DatasetValue]]] = [:]
        /// Collections matched but not read (no rows in `rows`): the action that follows finds
        /// their rows itself, by `matched` (`find(…, acting:)`).
        public var unread: Set<String> = []

        public var rowCount: Int { rows.values.reduce(0) { $0 + $1.count } }
    }

    /// Walks the dataset.
    /// - Parameters:
    ///   - identities: the subject's identity values by identity name (`email` → normalised addresses).
    ///   - keysOnly: read only the fields the walk needs (`keyFields(of:)`), not the values: for a
    ///     search that acts on the rows (erasure, rectification, restriction) or counts them.
    ///   - acting: collections the caller will change by `matched` (an erasure's `UPDATE`/`DELETE`,
    ///     which counts the rows it changes): those the walk does not leave from are not read at
    ///     all, only matched (`Found.unread`).
    ///   - fetch: reads the rows one query names (the query's fields, or every field the dataset
    ///     declares for the collection).
    public func find(
        identities: [String: [String]], keysOnly: Bool = false, acting: Set<String> = [],
        fetch: (DatasetQuery) async throws -> [DatasetRow]
    ) async throws -> Found {
        var found = Found()
        var asked: [DatasetGraph.FieldRef: Set<String>] = [:]
        var pending: [(DatasetGraph.FieldRef, [DatasetValue])] = graph.roots.compactMap { root in
            let values = (identities[root.identity] ?? []).map(DatasetValue.text)
            return values.isEmpty ? nil : (root.field, values)
        }
        while !pending.isEmpty {
            let (target, values) = pending.removeFirst()
            let fresh = values.filter { value in
                guard let key = value.matchKey else { return false }
                return asked[target, default: []].insert(key).inserted
            }
            guard !fresh.isEmpty else { continue }
            if acting.contains(target.collection), graph.links(from: target.collection).isEmpty {
                found.matched[target.collection, default: [:]][target.field, default: []] += fresh
                found.unread.insert(target.collection)
                continue
            }
            let rows = try await fetch(
                DatasetQuery(
                    collection: target.collection, field: target.field, values: fresh,
                    fields: keysOnly ? keyFields(of: target.collection) : nil))
            found.matched[target.collection, default: [:]][target.field, default: []] += fresh
            var known = Set((found.rows[target.collection] ?? []).map(Self.identity(of:)))
            var added: [DatasetRow] = []
            for row in rows where known.insert(Self.identity(of: row)).inserted { added.append(row) }
            guard !added.isEmpty else { continue }
            found.rows[target.collection, default: []] += added
            for (here, there) in graph.links(from: target.collection) {
                let next = added.compactMap { $0[here.field] }.filter { $0 != .null }
                if !next.isEmpty { pending.append((there, next)) }
            }
        }
        return found
    }

    /// The fields a search must read of a collection's rows to follow its links and tell its rows
    /// apart: the fields its links start from and its primary key. Nil (every declared field) when
    /// it declares no primary key: then only all of a row's values tell it from another.
    public func keyFields(of collection: String) -> [String]? {
        guard let declared = dataset.collections.first(where: { $0.name == collection }) else { return nil }
        let keys = declared.fields.filter { $0.fidesMeta?.primaryKey == true }.map(\.name)
        guard !keys.isEmpty else { return nil }
        let linked = graph.links(from: collection).map(\.here.field)
        return declared.fields.map(\.name).filter { keys.contains($0) || linked.contains($0) }
    }

    /// A row's identity for de-duplication: its values in field order.
    static func identity(of row: DatasetRow) -> String {
        row.keys.sorted().map { "\($0)=\(row[$0]!.matchKey ?? "∅")" }.joined(separator: "\u{1F}")
    }
}
