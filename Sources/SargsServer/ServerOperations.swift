import Fluent
import Foundation
import SargsCore
import Vapor

/// The operations behind `sargs serve`, `migrate`, `keys` and `audit verify`, as plain async
/// functions over a configuration, so the command-line layer never touches Vapor.
public enum ServerOperations {
    /// Serves until the process is stopped. `announce` receives the startup summary to print.
    public static func serve(_ configuration: ServerConfiguration, announce: @Sendable (String) -> Void) async throws {
        let (app, context) = try await ServerBootstrap.makeApplication(configuration)
        let storage: String
        switch configuration.storage {
        case .sqlite(let path): storage = "SQLite database \(path)"
        case .postgres: storage = "PostgreSQL (DATABASE_URL)"
        }
        announce("""
        Sargs is listening on http://\(configuration.hostname):\(configuration.port)
          policy:  \(configuration.policyPath) (version \(context.policy.policy.version))
          storage: \(storage)
        Create a first API key in another terminal with:
          sargs keys create --role admin --data-dir \(configuration.dataDirectory)

        """)
        let jobs = app.backgroundJobs?.loop(database: { app.db })
        defer { jobs?.cancel() }
        try await run(app) { try await $0.execute() }
    }

    /// Migrates the database and checks the master key, then returns.
    public static func migrate(_ configuration: ServerConfiguration) async throws {
        try await withApplication(configuration) { _, _ in }
    }

    public static func createKey(_ configuration: ServerConfiguration, role: Role, purposes: [String]) async throws -> APIKeys.Created {
        try await withApplication(configuration) { app, context in
            try await APIKeys.create(role: role, purposes: purposes, policy: context.policy, actor: "cli", audit: context.audit, on: app.db)
        }
    }

    public static func listKeys(_ configuration: ServerConfiguration) async throws -> [APIKeys.Listed] {
        try await withApplication(configuration) { app, _ in try await APIKeys.list(on: app.db) }
    }

    public static func revokeKey(_ configuration: ServerConfiguration, keyID: String) async throws {
        try await withApplication(configuration) { app, context in
            try await APIKeys.revoke(keyID: keyID, actor: "cli", audit: context.audit, principals: context.principals, on: app.db)
        }
    }

    public static func verifyAudit(_ configuration: ServerConfiguration) async throws -> AuditChain.Verification {
        try await withApplication(configuration) { app, _ in try await AuditLog.verify(on: app.db) }
    }

    static func withApplication<T: Sendable>(_ configuration: ServerConfiguration,
                                             _ body: @Sendable (Application, SargsContext) async throws -> T) async throws -> T {
        let (app, context) = try await ServerBootstrap.makeApplication(configuration)
        return try await run(app) { try await body($0, context) }
    }

    /// Runs `body` and shuts the application down on every path.
    static func run<T: Sendable>(_ app: Application, _ body: (Application) async throws -> T) async throws -> T {
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
