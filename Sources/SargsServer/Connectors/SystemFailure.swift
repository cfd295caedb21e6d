import Foundation
import PostgresNIO
import SargsCore
import SargsKit

/// Why a company system failed, in words safe to store and show: the database's own message
/// (PostgreSQL's primary message, SQLite's reason), never the detail that may quote a row's
/// values, never a query or a connection URL.
struct SystemFailure: Error, Sendable, CustomStringConvertible {
    var description: String
    /// Whether trying again later, with nothing changed, may succeed (a processor that was down).
    var isTransient = false

    init(_ error: any Error) {
        switch error {
        case let failure as OpenDSRError:
            description = failure.description
            isTransient = failure.isTransient
        case let failure as ExternalDatabase.Failure:
            description = failure.redacted
        case let postgres as PSQLError:
            let state = postgres.serverInfo?[.sqlState] ?? ""
            // Only classes whose messages name objects, never values: syntax and access rules (42),
            // integrity constraints (23), transaction rollbacks (40). Others may quote a value (22,
            // a trigger's own message) or the connection's user and host (28): their SQLSTATE only.
            let safe = ["42", "23", "40"].contains(String(state.prefix(2)))
            description =
                safe
                ? "PostgreSQL: " + (postgres.serverInfo?[.message] ?? "\(postgres.code)")
                : "PostgreSQL refused the statement (SQLSTATE \(state.isEmpty ? "\(postgres.code)" : state))"
        default:
            let text = String(describing: error)
            // SQLite's errors read "reason: message" with table and column names only.
            description =
                String(describing: type(of: error)) == "SQLiteError"
                ? "SQLite: \(text)" : "the system could not be reached (\(String(describing: type(of: error))))"
        }
    }
}
