import Fluent
import FluentPostgresDriver
import Foundation
@testable import SargsKit
import Vapor
@testable import SargsServer

/// A PostgreSQL database of its own for every test, copied from a template migrated once per
/// test process, so tests share nothing and suites run in parallel.
///
/// Names carry this process's run token: `sargs_tpl_<run>` for the template and `sargs_t_<run>_<n>`
/// for the tests' copies. The administrative session announces the run as its `application_name`;
/// a later run drops every such database whose run no longer has a session, which is how a
/// template is removed (Swift Testing offers no hook after the last test) and how copies a crashed
/// run left behind go.
actor PostgresTestDatabases {
    /// The databases on the server named by `SARGS_TEST_DATABASE_URL`; nil when the tests use SQLite.
    static let shared = TestEnvironment.postgresURL.map(PostgresTestDatabases.init(serverURL:))

    /// A database made for one test.
    struct TestDatabase: Sendable {
        let name: String
        /// `SARGS_TEST_DATABASE_URL` with this database instead.
        let url: String
    }

    private static let templatePrefix = "sargs_tpl_"
    private static let copyPrefix = "sargs_t_"
    private static let sessionPrefix = "sargs-tests-"

    private let serverURL: String
    /// Lower-case letters and digits, no underscore: the name parts around it stay unambiguous.
    private let runToken = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    /// Copying a template fails while another session uses it, so creations take turns.
    private let creations = Turnstile()
    /// Each test's application opens a connection per event loop and PostgreSQL allows 100 by
    /// default, so at most this many tests hold a database at once.
    private let inUse = Turnstile(atOnce: 8)
    /// Lives until the process ends (an application must not be released before it is shut down).
    private var admin: Task<Application, any Error>?
    private var template: String?
    private var copies = 0

    private init(serverURL: String) {
        self.serverURL = serverURL
    }

    /// Runs `body` with a new database copied from the template (migrating the template first,
    /// once) and drops the database afterwards, ending any session still on it, however `body` ends.
    /// The drop waits for a checkpoint, so it happens after `body` has made room for the next test.
    func withDatabase<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        var created: TestDatabase?
        let result: T
        do {
            result = try await inUse.run(isolation: isolation) {
                let database = try await create()
                created = database
                return try await body(database)
            }
        } catch {
            if let created { try? await drop(created.name) }
            throw error
        }
        if let created { try await drop(created.name) }
        return result
    }

    private func create() async throws -> TestDatabase {
        try await creations.run {
            let template = try await preparedTemplate()
            copies += 1
            let name = "\(Self.copyPrefix)\(runToken)_\(copies)"
            try await adminSQL().raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)").run()
            return TestDatabase(name: name, url: try url(of: name))
        }
    }

    /// Drops a test database. `WITH (FORCE)` ends the test's own sessions, but may not end an
    /// autovacuum worker (SQLSTATE 42501 for a role that is not a superuser) that a test deleting
    /// many rows started: such a worker finishes within moments, so the drop is tried again.
    private func drop(_ name: String) async throws {
        var attempt = 0
        while true {
            do {
                try await adminSQL().raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
                return
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" && attempt < 20 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// The template: created, migrated by starting the application on it once (which also records
    /// the check value of the fixed test master key) and shut down, so nothing uses it while copied.
    private func preparedTemplate() async throws -> String {
        if let template { return template }
        try await dropLeftovers()
        let name = "\(Self.templatePrefix)\(runToken)"
        try await adminSQL().raw("CREATE DATABASE \(ident: name)").run()
        do {
            try await Self.migrate(url(of: name))
        } catch {
            try? await drop(name)
            throw error
        }
        template = name
        return name
    }

    /// Starts and stops the application on the database at `url`.
    private static func migrate(_ url: String) async throws {
        let directory = TestEnvironment.temporaryDirectory("sargs-template")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try ServerConfiguration.resolve(
            policy: TestEnvironment.path("examples/coral-club.yaml"),
            dataDirectory: directory.path, hostname: nil, port: nil,
            environment: ["SARGS_MASTER_KEY": TestEnvironment.masterKey, "DATABASE_URL": url])
        let logs = LogStore()
        let (app, _) = try await ServerBootstrap.makeApplication(
            configuration, environment: .testing, logger: .capturing(into: logs))
        // Each test's server records its own policy file as the first version, as on a fresh database.
        try await PolicyVersionModel.query(on: app.db).delete()
        try await AuditEntryModel.query(on: app.db).delete()
        try await app.asyncShutdown()
    }

    /// Drops the templates and copies of runs that have no session left.
    private func dropLeftovers() async throws {
        let sql = try await adminSQL()
        let sessions = try await sql.raw("SELECT application_name FROM pg_stat_activity").all()
        let liveRuns = Set(
            sessions.compactMap { row in
                (try? row.decode(column: "application_name", as: String.self)).flatMap {
                    Self.suffix(of: $0, after: Self.sessionPrefix)
                }
            })
        let databases = try await sql.raw("SELECT datname FROM pg_database").all().map {
            try $0.decode(column: "datname", as: String.self)
        }
        for name in databases {
            guard let owner = Self.run(owning: name), !liveRuns.contains(owner) else { continue }
            try await drop(name)
        }
    }

    /// The run a template or copy belongs to, from its name; nil for any other database.
    private static func run(owning database: String) -> String? {
        if let run = suffix(of: database, after: templatePrefix) { return run }
        return suffix(of: database, after: copyPrefix)?.split(separator: "_").first.map(String.init)
    }

    private static func suffix(of text: String, after prefix: String) -> String? {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
    }

    /// SQL on the database of `SARGS_TEST_DATABASE_URL`, through a throwaway application's pool
    /// whose sessions carry this run's `application_name` until the process ends.
    private func adminSQL() async throws -> any SQLDatabase {
        let task =
            admin
            ?? Task { [serverURL, runToken] in
                var configuration = try SQLPostgresConfiguration(url: serverURL)
                configuration.coreConfiguration.options.additionalStartupParameters = [
                    ("application_name", Self.sessionPrefix + runToken)
                ]
                let app = try await Application.make(.testing)
                // A drop holds its session until a checkpoint completes; with enough sessions creations do not wait
                // behind drops.
                app.databases.use(
                    .postgres(configuration: configuration, maxConnectionsPerEventLoop: 8, sqlLogLevel: .debug),
                    as: .psql)
                return app
            }
        admin = task
        guard let sql = try await task.value.db as? any SQLDatabase else {
            throw TestDatabaseError("the PostgreSQL driver does not speak SQLKit")
        }
        return sql
    }

    /// `SARGS_TEST_DATABASE_URL` naming `database` instead.
    private func url(of database: String) throws -> String {
        guard var components = URLComponents(string: serverURL) else {
            throw TestDatabaseError("SARGS_TEST_DATABASE_URL is not a URL")
        }
        components.path = "/" + database
        guard let url = components.string else {
            throw TestDatabaseError("cannot point SARGS_TEST_DATABASE_URL at \(database)")
        }
        return url
    }
}

/// A problem setting up the tests' PostgreSQL databases.
struct TestDatabaseError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
