import Foundation
import NIOCore
import PostgresNIO

/// Why the server could not start, said so the person at the terminal can act on it: a port in
/// use, a database that cannot be reached (host, port and cause, never the password).
public struct StartupFailure: Error, Sendable, CustomStringConvertible {
    public let description: String

    /// `error` explained when it is one a person can act on; otherwise `error` itself.
    static func explaining(_ error: any Error, configuration: ServerConfiguration) -> any Error {
        if let io = error as? IOError {
            switch io.errnoCode {
            case EADDRINUSE:
                return StartupFailure(
                    description:
                        "port \(configuration.port) on \(configuration.hostname) is in use (another program, or "
                        + "Sargs already running); "
                        + "try --port \(configuration.port == 65_535 ? 8081 : configuration.port + 1)"
                )
            case EACCES:
                return StartupFailure(
                    description: "port \(configuration.port) needs privileges this user lacks; try --port 8080")
            case EADDRNOTAVAIL:
                return StartupFailure(
                    description: "--hostname \(configuration.hostname) is not an address of this machine")
            default: break
            }
        }
        if let postgres = error as? PSQLError {
            return StartupFailure(
                description: "cannot use PostgreSQL at \(Self.server(configuration)): \(Self.cause(postgres))")
        }
        return error
    }

    /// The database's host and port from DATABASE_URL, without user or password.
    private static func server(_ configuration: ServerConfiguration) -> String {
        guard case .postgres(let url) = configuration.storage, let components = URLComponents(string: url) else {
            return "DATABASE_URL"
        }
        return "\(components.host ?? "localhost"):\(components.port ?? 5432) (DATABASE_URL)"
    }

    /// What went wrong, from the server's message or the connection's error; never a query or a value.
    private static func cause(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return String(describing: underlying) }
        return "\(error.code)"
    }
}
