import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SargsCore
import SargsKit
import SQLKit

/// What `sargs datasets scan` found in a company database: every table with its columns, and the
/// columns that look personal. Sampled values stay inside `scan` and are dropped when it returns.
public struct DatabaseScan: Sendable {
    public var tables: [DatasetDraft.Table]
    public var findings: [ColumnFinding]
}

/// A scan that could not be made; the message never holds the connection's credentials.
public struct DatabaseScanError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}

/// Inspects a PostgreSQL or SQLite database's schema and a bounded sample of each table's rows, in
/// memory, and classifies every column (`PersonalColumnClassifier`). Read-only: it runs `SELECT`s only.
public enum DatabaseScanner {
    /// The drivers' own log lines stay out of the terminal: a failure is reported once, by the caller.
    public static let quiet: Logger = {
        var logger = Logger(label: "sargs.scan")
        logger.logLevel = .critical
        return logger
    }()

    /// - Parameters:
    ///   - url: `postgres://…` (or `postgresql://…`) or `sqlite:///absolute/path` (`sqlite:relative/path`).
    ///   - sampleRows: the most rows read from each table.
    public static func scan(
        url: String, sampleRows: Int, logger: Logger = quiet
    ) async throws
        -> DatabaseScan
    {
        try await withSQL(url: url, logger: logger) { sql, isSQLite in
            try await scan(sql, isSQLite: isSQLite, sampleRows: sampleRows)
        }
    }

    /// Runs `body` on a connection to the database at `url`, closed afterwards however `body` ends.
    static func withSQL<T: Sendable>(
        url: String, logger: Logger, _ body: (any SQLDatabase, _ isSQLite: Bool) async throws -> T
    ) async throws -> T {
        do {
            return try await ExternalDatabase.with(url: url, logger: logger) { _, sql, isSQLite in
                try await body(sql, isSQLite)
            }
        } catch let failure as ExternalDatabase.Failure {
            throw DatabaseScanError(description: failure.description)
        }
    }

    static func scan(_ sql: any SQLDatabase, isSQLite: Bool, sampleRows: Int) async throws -> DatabaseScan {
        let query: SQLQueryString =
            isSQLite
            ? """
            SELECT m.name AS table_name, c.name AS column_name, c.type AS data_type FROM sqlite_master m
            JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            ORDER BY m.name, c.cid
            """
            : """
            SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """
        var tables: [(name: String, columns: [(name: String, type: String)])] = []
        for row in try await sql.raw(query).all() {
            let table = try row.decode(column: "table_name", as: String.self)
            let column = (
                try row.decode(column: "column_name", as: String.self),
                try row.decode(column: "data_type", as: String.self)
            )
            if tables.last?.name == table {
                tables[tables.count - 1].columns.append(column)
            } else {
                tables.append((table, [column]))
            }
        }
        var findings: [ColumnFinding] = []
        for table in tables {
            var samples = Array(repeating: [String](), count: table.columns.count)
            var select = SQLQueryString("SELECT ")
            for (index, column) in table.columns.enumerated() {
                select.appendInterpolation(unsafeRaw: index == 0 ? "" : ", ")
                select.appendInterpolation(unsafeRaw: "CAST(")
                select.appendInterpolation(ident: column.name)
                select.appendInterpolation(unsafeRaw: " AS TEXT) AS c\(index)")
            }
            select.appendInterpolation(unsafeRaw: " FROM ")
            select.appendInterpolation(ident: table.name)
            select.appendInterpolation(unsafeRaw: " LIMIT \(max(0, sampleRows))")
            for row in try await sql.raw(select).all() {
                for index in table.columns.indices {
                    if let value = try row.decode(column: "c\(index)", as: String?.self) {
                        samples[index].append(value)
                    }
                }
            }
            for (index, column) in table.columns.enumerated() {
                let evidence = ColumnEvidence(
                    table: table.name, column: column.name, type: column.type, samples: samples[index])
                if let finding = PersonalColumnClassifier.classify(evidence) { findings.append(finding) }
            }
        }
        return DatabaseScan(
            tables: tables.map { DatasetDraft.Table(name: $0.name, columns: $0.columns.map(\.name)) },
            findings: findings)
    }
}
