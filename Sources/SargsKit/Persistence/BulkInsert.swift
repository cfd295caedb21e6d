import Fluent
import SQLKit

/// A model whose rows can be inserted many at a time through SQLKit. Fluent's own `create` finds a
/// model's fields by reflection for every instance (over half the time of a bulk import); a bulk
/// row names its columns once and its values in the same order, bound with the database's own
/// encoder, so the stored form is the one Fluent reads back (a test compares the columns with the
/// model's fields).
public protocol BulkInsertable: Model {
    /// The table's columns, in the order of `bulkValues`.
    static var bulkColumns: [String] { get }
    /// This row's values; `id` must be set.
    var bulkValues: [any Encodable & Sendable] { get }
}

extension Array where Element: BulkInsertable {
    /// Inserts every row with multi-row `INSERT` statements of at most about 10,000 bound values
    /// (within the limits of both SQLite and PostgreSQL), in the caller's transaction.
    public func insert(on database: any Database) async throws {
        guard !isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { return try await create(on: database) }
        try await RowInsertion(self).run(on: sql)
    }
}

/// Rows of one table to insert, as values: several operations' insertions into the same table can
/// be merged into one multi-row statement (the audit log's group commit does so for subject creates).
public struct RowInsertion: Sendable {
    public let table: String
    public let columns: [String]
    public var rows: [[any Encodable & Sendable]]

    public init<Row: BulkInsertable>(_ models: [Row]) {
        table = Row.schema
        columns = Row.bulkColumns
        rows = models.map(\.bulkValues)
    }

    /// The rows of all `insertions`, one insertion per table in the order the tables first appear.
    public static func merged(_ insertions: [RowInsertion]) -> [RowInsertion] {
        var merged: [RowInsertion] = []
        for insertion in insertions {
            if let index = merged.firstIndex(where: { $0.table == insertion.table }) {
                merged[index].rows += insertion.rows
            } else {
                merged.append(insertion)
            }
        }
        return merged
    }

    /// Inserts the rows in statements of at most about 10,000 bound values.
    public func run(on sql: any SQLDatabase) async throws {
        for chunk in rows.chunked(by: Swift.max(1, 10_000 / columns.count)) {
            var insert = sql.insert(into: table).columns(columns)
            for row in chunk { insert = insert.values(row.map { SQLBind($0) }) }
            try await insert.run()
        }
    }
}
