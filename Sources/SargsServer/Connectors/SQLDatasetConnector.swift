import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Reaches one company dataset in a PostgreSQL or SQLite database: finds the subject's rows from
/// the identities (an e-mail address matched case-insensitively, as the blind index normalises it)
/// through the dataset's references, and erases them in one transaction. Only `SELECT`, `UPDATE`
/// and `DELETE` on the declared collections and fields; values stay in memory.
struct SQLDatasetConnector: Sendable {
    let dataset: FidesDataset
    /// PostgreSQL columns of type `uuid`, per collection: their values are bound as UUIDs (a `uuid`
    /// column compared with text is refused). Empty on SQLite, which has no such type.
    var uuidColumns: [String: Set<String>] = [:]
    /// The most values one changing statement binds: well within SQLite's 32,766 and PostgreSQL's
    /// 65,535 parameters, for a retention group or a person with tens of thousands of rows.
    var valuesPerStatement = 5_000

    /// The connector for `dataset` on this database, with its column types read where they matter.
    static func make(_ dataset: FidesDataset, sql: any SQLDatabase) async throws -> SQLDatasetConnector {
        var connector = SQLDatasetConnector(dataset: dataset)
        guard sql.dialect.name == "postgresql" else { return connector }
        let names = dataset.collections.map(\.name)
        for row in try await sql.raw(
            // The catalog itself, not information_schema's view: planning that view costs more than
            // the search it serves.
            """
            SELECT c.relname AS table_name, a.attname AS column_name
            FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            WHERE a.atttypid = 'uuid'::regtype AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relnamespace = current_schema()::regnamespace AND c.relname IN (\(binds: names))
            """
        ).all() {
            let table = try row.decode(column: "table_name", as: String.self)
            let column = try row.decode(column: "column_name", as: String.self)
            connector.uuidColumns[table, default: []].insert(column)
        }
        return connector
    }

    /// A value bound for `field` of `collection`: as a UUID in a `uuid` column, else as itself.
    func bind(_ value: DatasetValue, collection: String, field: String) -> any Encodable & Sendable {
        if uuidColumns[collection]?.contains(field) == true, case .text(let text) = value,
            let id = UUID(uuidString: text)
        {
            return id
        }
        return value.bindable
    }

    /// Every row about the subject, with the declared fields of each collection, or with only
    /// the keys the search follows (`keysOnly`: to act on the rows or count them, not to show them).
    /// With an erasure `spec`, the collections it changes and the search does not leave from are
    /// matched but not read (the erasure's statements find and count their rows).
    func find(
        identities: [String: [String]], keysOnly: Bool = false, erasing spec: SystemWork.ErasureSpec? = nil,
        sql: any SQLDatabase
    ) async throws -> DatasetSearch.Found {
        let search = DatasetSearch(dataset)
        return try await search.find(
            identities: identities, keysOnly: keysOnly, acting: spec?.changedCollections ?? []
        ) { query in
            try await fetch(query, sql: sql)
        }
    }

    /// Applies `spec` to the rows `found` in one transaction; returns what each collection did.
    func erase(
        _ spec: SystemWork.ErasureSpec, found: DatasetSearch.Found, database: any Database
    ) async throws -> SystemOutcome {
        try await inTransaction(database) { sql in
            var collections: [SystemOutcome.Collection] = []
            for collection in spec.collections {
                // A collection matched but not read is acted on directly; its statement counts the rows.
                let unread = found.unread.contains(collection.name)
                guard let matched = found.matched[collection.name],
                    unread || !(found.rows[collection.name] ?? []).isEmpty
                else { continue }
                var outcome = SystemOutcome.Collection(
                    name: collection.name, rows: found.rows[collection.name]?.count ?? 0)
                if collection.deleteRows {
                    var deleted = 0
                    for condition in conditions(collection: collection.name, matched: matched) {
                        deleted += try await sql.raw(
                            "DELETE FROM \(ident: collection.name) WHERE " + condition + " RETURNING 1 AS one"
                        ).all().count
                    }
                    outcome.rows = deleted
                    outcome.action = "deleted"
                } else if !collection.emptyFields.isEmpty {
                    outcome.rows = try await update(
                        collection.name, setting: collection.emptyFields.map { "\(ident: $0) = NULL" },
                        matched: matched, sql: sql)
                    outcome.action = "emptied"
                    outcome.emptied = collection.emptyFields
                } else {
                    outcome.action = "kept"
                }
                if !collection.kept.isEmpty { outcome.kept = collection.kept.map(\.field) }
                if unread && outcome.rows == 0 { continue }  // nothing of the subject there
                collections.append(outcome)
            }
            return SystemOutcome(collections: collections, kept: spec.collections.flatMap(\.kept))
        }
    }

    /// Sets each field whose category was corrected to the corrected value (Art. 16), on the rows
    /// `found`, in one transaction. A field holding another category is left as it is, and so are
    /// fields that share the corrected category within a collection (a name split into first and
    /// last name cannot be derived from one value): they are reported as kept, for staff to correct.
    func rectify(
        _ corrections: [String: String], found: DatasetSearch.Found, database: any Database
    ) async throws -> SystemOutcome {
        try await inTransaction(database) { sql in
            var collections: [SystemOutcome.Collection] = []
            for collection in dataset.collections {
                guard let matched = found.matched[collection.name], let rows = found.rows[collection.name],
                    !rows.isEmpty
                else { continue }
                let candidates = collection.fields.compactMap { field -> (name: String, category: String)? in
                    let categories = DatasetErasurePlan.fieldCategories(field, in: collection)
                    guard categories.count == 1, corrections[categories[0]] != nil else { return nil }
                    return (field.name, categories[0])
                }
                let shared = Dictionary(grouping: candidates, by: \.category).filter { $0.value.count > 1 }
                let fields = candidates.filter { shared[$0.category] == nil }.map {
                    ($0.name, corrections[$0.category]!)
                }
                let unchanged = candidates.filter { shared[$0.category] != nil }.map(\.name)
                guard !fields.isEmpty || !unchanged.isEmpty else { continue }
                guard !fields.isEmpty else {
                    collections.append(.init(name: collection.name, rows: 0, action: "kept", kept: unchanged))
                    continue
                }
                let changed = try await update(
                    collection.name, setting: fields.map { "\(ident: $0.0) = \(bind: $0.1)" }, matched: matched,
                    sql: sql)
                collections.append(
                    .init(
                        name: collection.name, rows: changed, action: "rectified", emptied: nil,
                        kept: unchanged.isEmpty ? nil : unchanged, rectified: fields.map(\.0)))
            }
            return SystemOutcome(collections: collections, kept: nil)
        }
    }

    /// Runs `body` in one transaction on the company database.
    /// Art. 18: marks the rows a search found in the marker's collection as restricted (the
    /// column set to true), in one transaction. Returns what was marked.
    func restrict(
        _ marker: DatasetReference.RestrictionMarker, found: DatasetSearch.Found, marked: Bool = true,
        database: any Database
    ) async throws -> SystemOutcome {
        try await inTransaction(database) { sql in
            guard let matched = found.matched[marker.collection], !(found.rows[marker.collection] ?? []).isEmpty else {
                return SystemOutcome(
                    collections: [.init(name: marker.collection, rows: 0, action: marked ? "marked" : "unmarked")],
                    kept: nil)
            }
            let changed = try await update(
                marker.collection, setting: ["\(ident: marker.field) = \(bind: marked)"], matched: matched, sql: sql)
            return SystemOutcome(
                collections: [.init(name: marker.collection, rows: changed, action: marked ? "marked" : "unmarked")],
                kept: nil)
        }
    }

    private func inTransaction<T: Sendable>(
        _ database: any Database, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await database.transaction { transaction in
            guard let sql = transaction as? any SQLDatabase else {
                throw ExternalDatabase.Failure("the database does not speak SQL")
            }
            return try await body(sql)
        }
    }

    /// `UPDATE collection SET assignments` on the rows a search found; returns how many changed.
    private func update(
        _ collection: String, setting assignments: [SQLQueryString], matched: [String: [DatasetValue]],
        sql: any SQLDatabase
    ) async throws -> Int {
        var changed = 0
        for condition in conditions(collection: collection, matched: matched) {
            changed += try await sql.raw(
                "UPDATE \(ident: collection) SET " + assignments.joined(separator: ", ") + " WHERE " + condition
                    + " RETURNING 1 AS one"
            ).all().count
        }
        return changed
    }

    /// The conditions that together find the rows a search matched in a collection, each binding at
    /// most `valuesPerStatement` values: one (every matched field, as `condition`) when they fit,
    /// else one per field and slice of its values, run one after another in the caller's
    /// transaction. Then a row reached through two matched fields is changed, and counted, once
    /// per field.
    func conditions(collection: String, matched: [String: [DatasetValue]]) -> [SQLQueryString] {
        guard matched.values.map(\.count).reduce(0, +) > valuesPerStatement else {
            return [condition(collection: collection, matched: matched)]
        }
        return matched.keys.sorted().flatMap { field in
            matched[field]!.chunked(by: valuesPerStatement).map {
                condition(collection: collection, matched: [field: Array($0)])
            }
        }
    }

    /// The rows of `query.collection` whose field holds one of the values, with the query's fields
    /// (by default every declared field).
    func fetch(_ query: DatasetQuery, sql: any SQLDatabase) async throws -> [DatasetRow] {
        guard let collection = dataset.collections.first(where: { $0.name == query.collection }) else { return [] }
        let fields = query.fields ?? collection.fields.map(\.name)
        var rows: [DatasetRow] = []
        for chunk in query.values.chunked(by: 500) {
            let binds = chunk.map { bind($0, collection: query.collection, field: query.field) }
            let matched: SQLQueryString =
                caseInsensitive(collection: query.collection, field: query.field)
                ? "lower(\(ident: query.field)) IN (\(binds: binds))" : "\(ident: query.field) IN (\(binds: binds))"
            let statement: SQLQueryString =
                "SELECT \(idents: fields, joinedBy: ", ") FROM \(ident: query.collection) WHERE " + matched
            for row in try await sql.raw(statement).all() {
                var values: DatasetRow = [:]
                for field in fields { values[field] = DatasetValue(row, column: field) }
                rows.append(values)
            }
        }
        return rows
    }

    /// The rows a search found in a collection: any of its matched fields holding a matched value.
    func condition(collection: String, matched: [String: [DatasetValue]]) -> SQLQueryString {
        matched.keys.sorted().map { field -> SQLQueryString in
            let binds = matched[field]!.map { bind($0, collection: collection, field: field) }
            return caseInsensitive(collection: collection, field: field)
                ? "lower(\(ident: field)) IN (\(binds: binds))" : "\(ident: field) IN (\(binds: binds))"
        }.map { "(" + $0 + ")" as SQLQueryString }.joined(separator: " OR ")
    }

    /// Whether a field is matched as an e-mail address (lower case on both sides).
    func caseInsensitive(collection: String, field: String) -> Bool {
        dataset.collections.first { $0.name == collection }?.fields.first { $0.name == field }?.fidesMeta?.identity
            == "email"
    }
}

extension DatasetValue {
    /// The value of `column` in `row`, whatever the column's type: numbers stay numbers, times
    /// become RFC 3339 text, anything else readable becomes text.
    init(_ row: any SQLRow, column: String) {
        if (try? row.decodeNil(column: column)) == true {
            self = .null
        } else if let number = try? row.decode(column: column, as: Int64.self) {
            self = .integer(number)
        } else if let text = try? row.decode(column: column, as: String.self) {
            self = .text(text)
        } else if let number = try? row.decode(column: column, as: Double.self) {
            self = .real(number)
        } else if let date = try? row.decode(column: column, as: Date.self) {
            self = .text(Timestamp.iso8601(date))
        } else if let flag = try? row.decode(column: column, as: Bool.self) {
            self = .text(flag ? "true" : "false")
        } else if let id = try? row.decode(column: column, as: UUID.self) {
            self = .text(id.wire)
        } else if let decimal = try? row.decode(column: column, as: Decimal.self) {
            self = .text("\(decimal)")
        } else {
            self = .null
        }
    }

    /// The value as a bind of its own type (an integer key is compared with integers).
    var bindable: any Encodable & Sendable {
        switch self {
        case .text(let text): return text
        case .integer(let number): return number
        case .real(let number): return number
        case .null: return Optional<String>.none
        }
    }
}

extension CompanyDatasets.Entry {
    /// Runs `body` with a connector on this dataset's database; a failure names the unset variable,
    /// never a URL.
    /// With a `session`, the connection is the session's (kept open for the job's next step).
    func withConnector<T: Sendable>(
        in session: ExternalDatabase.Session? = nil,
        _ body: (SQLDatasetConnector, _ database: any Database, _ sql: any SQLDatabase) async throws -> T
    ) async throws -> T {
        guard let url else {
            throw ExternalDatabase.Failure(
                "the connection variable \(reference.connection) is not set in Sargs' environment")
        }
        if let session {
            return try await session.with(url: url) { database, sql in
                try await body(try await SQLDatasetConnector.make(dataset, sql: sql), database, sql)
            }
        }
        return try await ExternalDatabase.with(url: url) { database, sql, _ in
            try await body(try await SQLDatasetConnector.make(dataset, sql: sql), database, sql)
        }
    }
}
