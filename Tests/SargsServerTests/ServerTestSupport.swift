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
/// The server reads time from `clock`, which moves a millisecond per reading unless the test moves it further.
func withSargs(policy: String = "examples/coral-club.yaml", environment extra: [String: String] = [:], clock: ManualClock = .testing(),
               _ body: (Application, SargsContext, TestKeys, LogStore) async throws -> Void) async throws {
    // Suites run in parallel; on the one shared PostgreSQL database, tests take turns.
    if TestEnvironment.postgresURL != nil { await TestGate.shared.enter() }
    defer { if TestEnvironment.postgresURL != nil { Task { await TestGate.shared.leave() } } }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var environment: [String: String] = ["SARGS_MASTER_KEY": TestEnvironment.masterKey]
    if let url = TestEnvironment.postgresURL { environment["DATABASE_URL"] = url }
    environment.merge(extra) { _, new in new }
    let configuration = try ServerConfiguration.resolve(policy: root.appendingPathComponent(policy).path, dataDirectory: directory.path,
                                                        hostname: nil, port: nil, environment: environment)
    let logs = LogStore()
    let (app, context) = try await ServerBootstrap.makeApplication(configuration, environment: .testing,
                                                                   logger: Logger(label: "sargs-test") { _ in CapturingLogHandler(store: logs) },
                                                                   clock: .manual(clock))
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

extension ManualClock {
    /// A clock for one test: starting now, a millisecond further at each reading.
    static func testing(_ start: Date = Date()) -> ManualClock { ManualClock(start, tick: 0.001) }
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
        try await RecipientNoticeModel.query(on: database).delete()
        try await OutboxMessageModel.query(on: database).delete()
        try await RecipientEndpointModel.query(on: database).delete()
        try await TombstoneModel.query(on: database).delete()
        try await LegalHoldModel.query(on: database).delete()
        try await DisclosureModel.query(on: database).delete()
        try await VerificationChallengeModel.query(on: database).delete()
        try await RequestEventModel.query(on: database).delete()
        try await RequestModel.query(on: database).delete()
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
    /// A service key limited to the `marketing` purpose (or the policy's first purpose when it has none).
    let marketingService: HTTPHeaders
    let adminKeyID: String

    static func make(context: SargsContext, on database: any Database) async throws -> TestKeys {
        func key(_ role: Role, _ purposes: [String] = []) async throws -> APIKeys.Created {
            try await APIKeys.create(role: role, purposes: purposes, policy: context.policy, actor: "test", audit: context.audit, on: database,
                                     now: context.clock.now)
        }
        func headers(_ created: APIKeys.Created) -> HTTPHeaders {
            ["Authorization": "Bearer \(created.token)", "Content-Type": "application/json"]
        }
        let admin = try await key(.admin)
        return TestKeys(admin: headers(admin), dpo: headers(try await key(.dpo)), agent: headers(try await key(.agent)),
                        marketingService: headers(try await key(.service, [context.policy.purpose("marketing")?.id ?? context.policy.purposes[0].id])),
                        adminKeyID: admin.keyID)
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

/// The e-mail the embedded default wrote as `.eml` files, decoded.
struct SentMail: Sendable {
    var to: String
    var subject: String
    var body: String

    /// Runs the background jobs, then reads every message written so far, oldest first.
    static func deliverAndRead(_ app: Application) async throws -> [SentMail] {
        let jobs = try #require(app.backgroundJobs)
        try await jobs.runOnce(on: app.db)
        let transport = try #require(jobs.worker.mail as? FileMailTransport)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: transport.directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let text = try String(contentsOfFile: (transport.directory as NSString).appendingPathComponent(name), encoding: .utf8)
            return try parse(text)
        }
    }

    static func parse(_ text: String) throws -> SentMail {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let headers = parts[0].components(separatedBy: "\r\n")
        func header(_ name: String) -> String {
            headers.first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) } ?? ""
        }
        var subject = header("Subject")
        if subject.hasPrefix("=?UTF-8?B?"), subject.hasSuffix("?="),
           let data = Data(base64Encoded: String(subject.dropFirst(10).dropLast(2))) {
            subject = String(decoding: data, as: UTF8.self)
        }
        let encoded = parts.dropFirst().joined().replacingOccurrences(of: "\r\n", with: "")
        let body = try #require(Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) })
        return SentMail(to: header("To"), subject: subject, body: body)
    }

    /// The one-time code in a verification message.
    var code: String? { body.firstMatch(of: /\b(\d{6})\b/).map { String($0.1) } }
}
