import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// A connection to a company's own database (a shop's PostgreSQL, a booking system's SQLite),
/// opened for one job and closed afterwards. Errors never repeat the URL, which holds credentials.
public enum ExternalDatabase {
    /// Why a company database could not be reached; the message never holds the URL.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// For the operator at the command line: may name a local file.
        public var description: String
        /// For a request's record and the console: names no file, host or credential.
        public var redacted: String

        public init(_ description: String, redacted: String? = nil) {
            self.description = description
            self.redacted = redacted ?? description
        }
    }

    /// The drivers' own log lines stay out of the logs: a failure is reported once, by the caller.
    public static let quiet: Logger = {
        var logger = Logger(label: "sargs.external")
        logger.logLevel = .critical
        return logger
    }()

    /// Runs `body` on a connection to the database at `url` (`postgres://…`, `postgresql://…`,
    /// `sqlite:///absolute/path` or `sqlite:relative/path`), closed afterwards however `body` ends.
    /// `body` receives the database both as SQL and as a Fluent database (for transactions).
    public static func with<T: Sendable>(
        url: String, logger: Logger = quiet,
        _ body: (_ database: any Database, _ sql: any SQLDatabase, _ isSQLite: Bool) async throws -> T
    ) async throws -> T {
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let group = MultiThreadedEventLoopGroup.singleton
        let databases = Databases(threadPool: threadPool, on: group)
        let id: DatabaseID
        let isSQLite: Bool
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard FileManager.default.fileExists(atPath: path) else {
                try? await threadPool.shutdownGracefully()
                throw Failure(
                    "no SQLite database at \(path)", redacted: "no SQLite database at the path the connection names")
            }
            databases.use(.sqlite(.file(path)), as: .sqlite)
            id = .sqlite
            isSQLite = true
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            do {
                databases.use(try .postgres(url: url), as: .psql)
            } catch {
                try? await threadPool.shutdownGracefully()
                throw Failure(
                    "the PostgreSQL URL could not be read (its form: postgres://user:password@host:5432/database)")
            }
            id = .psql
            isSQLite = false
        } else {
            try? await threadPool.shutdownGracefully()
            throw Failure("the database URL must start with postgres://, postgresql:// or sqlite:")
        }
        do {
            guard let database = databases.database(id, logger: logger, on: group.any()),
                let sql = database as? any SQLDatabase
            else {
                throw Failure("the database does not speak SQL")
            }
            let result = try await body(database, sql, isSQLite)
            await databases.shutdownAsync()
            try await threadPool.shutdownGracefully()
            return result
        } catch {
            await databases.shutdownAsync()
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }
}
