import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Synchronization

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
        let connection = try await Connection.open(url: url, logger: logger)
        do {
            let result = try await body(connection.database, connection.sql, connection.isSQLite)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// An open connection to a company database; `close()` ends it.
    public final class Connection: Sendable {
        private let databases: Databases
        private let threadPool: NIOThreadPool
        /// The database as Fluent sees it (for transactions).
        public let database: any Database
        /// The same database, for SQL.
        public let sql: any SQLDatabase
        public let isSQLite: Bool

        private init(
            databases: Databases, threadPool: NIOThreadPool, database: any Database, sql: any SQLDatabase,
            isSQLite: Bool
        ) {
            self.databases = databases
            self.threadPool = threadPool
            self.database = database
            self.sql = sql
            self.isSQLite = isSQLite
        }

        /// Opens the database at `url` (see `ExternalDatabase.with`).
        public static func open(url: String, logger: Logger = quiet) async throws -> Connection {
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
                        "no SQLite database at \(path)", redacted: "no SQLite database at the path the connection names"
                    )
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
            guard let database = databases.database(id, logger: logger, on: group.any()),
                let sql = database as? any SQLDatabase
            else {
                await databases.shutdownAsync()
                try? await threadPool.shutdownGracefully()
                throw Failure("the database does not speak SQL")
            }
            return Connection(
                databases: databases, threadPool: threadPool, database: database, sql: sql, isSQLite: isSQLite)
        }

        /// Closes the connection and its thread.
        public func close() async {
            await databases.shutdownAsync()
            try? await threadPool.shutdownGracefully()
        }
    }

    /// Connections kept open across the many steps of one job (a retention run's chunks, a bulk
    /// erasure's), one per database, instead of one per step; `close()` ends them all when the job ends.
    public final class Session: Sendable {
        private let open = Mutex<[String: Connection]>([:])

        public init() {}

        /// Runs `body` with a new session and closes it however `body` ends.
        public static func during<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
            let session = Session()
            do {
                let result = try await body(session)
                await session.close()
                return result
            } catch {
                await session.close()
                throw error
            }
        }

        /// Runs `body` on this session's connection to `url`, opening it on first use. A connection
        /// whose step failed is closed and forgotten, so the next step opens a fresh one.
        public func with<T: Sendable>(
            url: String, _ body: (_ database: any Database, _ sql: any SQLDatabase) async throws -> T
        ) async throws -> T {
            let connection = try await connection(to: url)
            do {
                return try await body(connection.database, connection.sql)
            } catch {
                let failed = open.withLock { open -> Connection? in
                    guard open[url] === connection else { return nil }
                    open[url] = nil
                    return connection
                }
                await failed?.close()
                throw error
            }
        }

        private func connection(to url: String) async throws -> Connection {
            if let kept = open.withLock({ $0[url] }) { return kept }
            let fresh = try await Connection.open(url: url)
            // Two first steps at once: one connection is kept, the other closed.
            let (kept, spare) = open.withLock { open -> (Connection, Connection?) in
                if let kept = open[url] { return (kept, fresh) }
                open[url] = fresh
                return (fresh, nil)
            }
            await spare?.close()
            return kept
        }

        /// Closes every connection.
        public func close() async {
            let connections = open.withLock { open in
                defer { open = [:] }
                return Array(open.values)
            }
            for connection in connections { await connection.close() }
        }
    }
}
