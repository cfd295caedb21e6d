import Foundation
import PostgresNIO
import SargsKit

/// Why a company system failed, in words safe to store and show: the database's own message
/// (PostgreSQL's primary message, SQLite's reason), never the detail that may quote a row's
/// values, never a query or a connection URL.
struct SystemFailure: Error, Sendable, CustomStringConvertible {
    var description: String

    init(_ error: any Error) {
        switch error {
        case let failure as ExternalDatabase.Failure:
            description = failure.redacted
        case let postgres as PSQLError:
            let state = postgres.serverInfo?[.sqlState] ?? ""
            // Class 22 (data exceptions: "invalid input syntax for type bigint: …") quotes the value.
            description =
                state.hasPrefix("22")
                ? "PostgreSQL: a value does not fit its column (SQLSTATE \(state))"
                : "PostgreSQL: " + (postgres.serverInfo?[.message] ?? "\(postgres.code)")
        default:
            let text = String(describing: error)
            // SQLite's errors read "reason: message" with table and column names only.
            description =
                String(describing: type(of: error)) == "SQLiteError"
                ? "SQLite: \(text)" : "the system could not be reached (\(String(describing: type(of: error))))"
        }
    }
}
