import Fluent
import Foundation
import Logging
import PostgresNIO
import SargsCore
@testable import SargsKit
import Vapor
@testable import SargsServer

/// Runs a test against a fully configured application with a key of each role: on SQLite in a
/// fresh temporary directory, or, when `SARGS_TEST_DATABASE_URL` is set, on a PostgreSQL database
/// of the test's own, dropped afterwards. `environment` adds or overrides `SARGS_…` settings.
/// The server reads time from `clock`, which moves a millisecond per reading unless the test
/// moves it further (`clock.advance(days:)`). `dataDirectory` names the data directory for a test
/// that reads its files (the caller removes it); otherwise a temporary one is used and removed.
func withSargs(
    policy: String = "examples/coral-club.yaml", environment extra: [String: String] = [:],
    clock: ManualClock = .testing(),
    dataDirectory: URL? = nil, _ body: (Application, SargsContext, TestKeys, LogStore) async throws -> Void
) async throws {
    let directory = dataDirectory ?? TestEnvironment.temporaryDirectory("sargs-test")
    defer { if dataDirectory == nil { try? FileManager.default.removeItem(at: directory) } }
    func run(databaseURL: String?) async throws {
        // Retention runs only when a test asks for it (it calls the schedule or the service itself).
        var environment = ["SARGS_MASTER_KEY": TestEnvironment.masterKey, "SARGS_RETENTION_SCHEDULE": "off"]
        if let databaseURL { environment["DATABASE_URL"] = databaseURL }
        environment.merge(extra) { _, new in new }
        let configuration = try ServerConfiguration.resolve(
            policy: TestEnvironment.path(policy), dataDirectory: directory.path,
            hostname: nil, port: nil, environment: environment)
        try await runApplication(configuration, clock: clock, body)
    }
    if let databases = PostgresTestDatabases.shared {
        do {
            try await databases.withDatabase { database in try await run(databaseURL: database.url) }
        } catch let error as PSQLError {
            // PostgresNIO hides what went wrong behind a generic description; a failing test should say it.
            throw PostgresTestFailure(detail: String(reflecting: error))
        }
    } else {
        try await run(databaseURL: nil)
    }
}

/// Starts the application, runs `body` with fresh keys and captured logs, and shuts the
/// application down however `body` ends.
private func runApplication(
    _ configuration: ServerConfiguration, clock: ManualClock,
    _ body: (Application, SargsContext, TestKeys, LogStore) async throws -> Void
) async throws {
    let logs = LogStore()
    let (app, context) = try await ServerBootstrap.makeApplication(
        configuration, environment: .testing, logger: .capturing(into: logs),
        clock: .manual(clock))
    app.logger = .capturing(into: logs)
    do {
        let keys = try await TestKeys.make(context: context, on: app.db)
        try await body(app, context, keys, logs)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

extension ManualClock {
    /// A clock for one test: starting now, a millisecond further at each reading, so what the
    /// server records keeps the order it happened in.
    static func testing(_ start: Date = Date()) -> ManualClock { ManualClock(start, tick: 0.001) }
}

/// A PostgreSQL error in a test, with the details PostgresNIO keeps out of its description (test databases hold no
/// personal data).
struct PostgresTestFailure: Error, CustomStringConvertible {
    let detail: String
    var description: String { detail }
}
