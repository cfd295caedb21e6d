import Fluent
import Foundation
import Logging
import SargsCore
import Vapor
@testable import SargsServer

/// Runs a test against a fully configured application: an SQLite file in a fresh temporary
/// directory, or the PostgreSQL database named by `SARGS_TEST_DATABASE_URL` (wiped first).
func withSargs(policy: String = "examples/coral-club.yaml", environment extra: [String: String] = [:],
               _ body: (Application, SargsContext, TestKeys, LogStore) async throws -> Void) async throws {
    // Suites run in parallel; on the one shared PostgreSQL database, tests take turns.
    if TestEnvironment.postgresURL != nil { await TestGate.shared.enter() }
    defer { if TestEnvironment.postgresURL != nil { Task { await TestGate.shared.leave() } } }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var environment: [String: String] = ["SARGS_MASTER_KEY": TestEnvironment.masterKey]
    if let url = TestEnvironment.postgresURL { environment["DATABASE_URL"] = url }
    environment.merge(extra) { _, new in new }
    let configuration = try ServerConfiguration.resolve(policy: root.appendingPathComponent(policy).path, dataDirectory: directory.path,
                                                        hostname: nil, port: nil, environment: environment)
    let logs = LogStore()
    let (app, context) = try await ServerBootstrap.makeApplication(configuration, environment: .testing,
                                                                   logger: Logger(label: "sargs-test") { _ in CapturingLogHandler(store: logs) })
    app.logger = Logger(label: "sargs-test") { _ in CapturingLogHandler(store: logs) }
    do {
        if TestEnvironment.postgresURL != nil { try await TestEnvironment.wipe(app.db) }
        let keys = try await TestKeys.make(context: context, on: app.db)
        try await body(app, context, keys, logs)
        try await app.asyncShutdown()
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Lets one test at a time use the shared database.
actor TestGate {
    static let shared = TestGate()
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
