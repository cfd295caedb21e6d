import Fluent
import Foundation
import Logging
import SargsCore
import Synchronization
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Runs a test against a fully configured application: an SQLite file in a fresh temporary
/// directory, or the PostgreSQL database named by `SARGS_TEST_DATABASE_URL` (wiped first).
func withSargs(policy: String = "examples/coral-club.yaml",
               _ body: (Application, SargsContext, TestKeys, LogStore) async throws -> Void) async throws {
    // Suites run in parallel; on the one shared PostgreSQL database, tests take turns.
    if TestEnvironment.postgresURL != nil { await TestGate.shared.enter() }
    defer { if TestEnvironment.postgresURL != nil { Task { await TestGate.shared.leave() } } }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var environment: [String: String] = ["SARGS_MASTER_KEY": TestEnvironment.masterKey]
    if let url = TestEnvironment.postgresURL { environment["DATABASE_URL"] = url }
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

enum TestEnvironment {
    static let postgresURL = ProcessInfo.processInfo.environment["SARGS_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// One fixed key for the shared PostgreSQL database, so its key check value always matches.
    static let masterKey = "c2FyZ3MtdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzISE="
    static var databaseName: String { postgresURL == nil ? "SQLite" : "PostgreSQL" }

    /// Empties every table but the settings, so each test starts clean on the shared database.
    static func wipe(_ database: any Database) async throws {
        try await AuditEntryModel.query(on: database).delete()
        try await APIKeyModel.query(on: database).delete()
        try await RestrictionModel.query(on: database).delete()
        try await ObjectionModel.query(on: database).delete()
        try await RelationshipModel.query(on: database).delete()
        try await ConsentEventModel.query(on: database).delete()
        try await DataItemModel.query(on: database).delete()
        try await SubjectModel.query(on: database).delete()
    }
}

/// Bearer headers for one key of each role.
struct TestKeys: Sendable {
    let admin: HTTPHeaders
    let dpo: HTTPHeaders
    let agent: HTTPHeaders
    /// A service key limited to the `marketing` purpose.
    let marketingService: HTTPHeaders
    let adminKeyID: String

    static func make(context: SargsContext, on database: any Database) async throws -> TestKeys {
        func key(_ role: Role, _ purposes: [String] = []) async throws -> APIKeys.Created {
            try await APIKeys.create(role: role, purposes: purposes, policy: context.policy, actor: "test", audit: context.audit, on: database)
        }
        func headers(_ created: APIKeys.Created) -> HTTPHeaders {
            ["Authorization": "Bearer \(created.token)", "Content-Type": "application/json"]
        }
        let admin = try await key(.admin)
        return TestKeys(admin: headers(admin), dpo: headers(try await key(.dpo)), agent: headers(try await key(.agent)),
                        marketingService: headers(try await key(.service, ["marketing"])), adminKeyID: admin.keyID)
    }
}

/// Every log line the application wrote, to prove no personal value reaches the logs.
final class LogStore: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: String { lines.withLock { $0.joined(separator: "\n") } }
}

struct CapturingLogHandler: LogHandler {
    let store: LogStore
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)")
    }
}

/// JSON request bodies.
func json(_ object: [String: any Sendable]) throws -> ByteBuffer {
    ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: object)))
}

func decoded(_ response: TestingHTTPResponse) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
}
