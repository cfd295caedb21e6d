import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// The vault API, on SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Subjects API", .serialized)
struct SubjectAPITests {
    static let anna: [String: any Sendable] = [
        "country": "LV", "language": "lv", "source": "web", "collected_for": "services",
        "data": ["user.contact.email": "Anna.Berzina@Example.lv", "user.contact.phone_number": "+371 2612 3456",
                 "user.name": "Anna Bērziņa", "user.demographic.date_of_birth": "1990-04-01"],
    ]

    static func create(_ app: Application, _ keys: TestKeys, _ body: [String: any Sendable] = anna) async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(body))
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(decoded(response)["id"] as? String)
    }

    @Test("A stored subject is read back only for a purpose that may use it now")
    func purposeBoundRead() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Self.create(app, keys)
            let denied = try decoded(try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin))
            #expect(denied["allowed"] as? Bool == false)
            #expect(denied["reason"] as? String == "no_active_contract")
            #expect((denied["data"] as? [String: String])?.isEmpty == true)
            let relationship = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/relationships", headers: keys.agent,
                                                                   body: json(["kind": "customer", "start": "2025-01-01T00:00:00Z"]))
            #expect(relationship.status == .created)
            let allowed = try decoded(try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin))
            let data = allowed["data"] as? [String: String]
            #expect(data?["user.contact.email"] == "anna.berzina@example.lv")
            #expect(data?["user.contact.phone_number"] == "+37126123456")
            #expect(data?["user.name"] == "Anna Bērziņa")
        }
    }

    @Test("A stored e-mail address and phone number appear neither in the database file nor in the logs")
    func noPersonalDataAtRestOrInLogs() async throws {
        guard TestEnvironment.postgresURL == nil else { return }  // the file check needs the SQLite file
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-leak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = try ServerConfiguration.resolve(policy: root.appendingPathComponent("examples/coral-club.yaml").path,
                                                            dataDirectory: directory.path, hostname: nil, port: nil,
                                                            environment: ["SARGS_MASTER_KEY": TestEnvironment.masterKey])
        let logs = LogStore()
        let (app, context) = try await ServerBootstrap.makeApplication(configuration, environment: .testing)
        app.logger = Logger(label: "leak") { _ in CapturingLogHandler(store: logs) }
        do {
            let keys = try await TestKeys.make(context: context, on: app.db)
            let id = try await Self.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/lookup", headers: keys.admin,
                                                    body: json(["email": "anna.berzina@example.lv", "purpose": "services"]))
            _ = try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(Self.anna))  // 409
            _ = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin)
            // A request: its address, details and representative are sealed; so are queued messages.
            let request = try await app.testing().sendRequest(.POST, "v1/requests", headers: keys.admin, body: json([
                "type": "rectification", "email": "anna.berzina@example.lv", "language": "lv", "channel": "web",
                "details": ["corrections": ["user.name": "Anna Kalniņa"]],
                "representative": ["name": "Jānis Advokāts", "contact": "janis@advokats.lv", "proof": "pilnvara"]]))
            #expect(request.status == .created, "\(request.body.string)")
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        var stored = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasPrefix("sargs.sqlite") {
            stored += try Data(contentsOf: directory.appendingPathComponent(name))
        }
        #expect(stored.count > 10_000)
        for secret in ["anna.berzina@example.lv", "Anna.Berzina", "+37126123456", "2612 3456", "Bērziņa", "1990-04-01", "Kalniņa",
                       "Advokāts", "janis@advokats.lv"] {
            #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database file")
            #expect(!logs.all.contains(secret), "\(secret) found in the logs")
        }
    }

    @Test("Reads must name a purpose: 400 as application/problem+json naming the field")
    func readNeedsPurpose() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Self.create(app, keys)
            let response = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)", headers: keys.admin)
            #expect(response.status == .badRequest)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let problem = try decoded(response)
            #expect(problem["field"] as? String == "purpose")
            #expect(problem["status"] as? Int == 400)
        }
    }

    @Test("Values are validated and only the policy's categories are accepted, with reasons")
    func validation() async throws {
        try await withSargs { app, _, keys, _ in
            func attempt(_ data: [String: String], purpose: String = "services") async throws -> [String: Any] {
                var body = Self.anna
                body["data"] = data
                body["collected_for"] = purpose
                let response = try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(body))
                #expect(response.status == .unprocessableEntity, "\(response.body.string)")
                return try decoded(response)
            }
            let young = try await attempt(["user.demographic.date_of_birth": "2015-01-01"])
            #expect(young["field"] as? String == "data.user.demographic.date_of_birth")
            #expect((young["detail"] as? String)?.contains("minimum age of 18") == true)
            #expect((try await attempt(["user.contact.email": "not-an-address"]))["field"] as? String == "data.user.contact.email")
            #expect((try await attempt(["user.contact.phone_number": "26123456"]))["field"] as? String == "data.user.contact.phone_number")
            #expect((try await attempt(["user.biometric": "x"]))["field"] as? String == "data.user.biometric")
            #expect((try await attempt(["user.name": "A"], purpose: "nope"))["field"] as? String == "collected_for")
            let problem = try await attempt(["user.contact.email": "x@example.lv"], purpose: "web-analytics")
            #expect((problem["detail"] as? String)?.contains("does not use category") == true)
            #expect(!(problem["detail"] as? String ?? "").contains("x@example.lv"))
        }
    }

    @Test("The blind index finds a subject by e-mail without decrypting, and keeps e-mails unique")
    func lookupAndUniqueness() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Self.create(app, keys)
            let duplicate = try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(Self.anna))
            #expect(duplicate.status == .conflict)
            let found = try decoded(try await app.testing().sendRequest(.POST, "v1/subjects/lookup", headers: keys.admin,
                                                                        body: json(["email": " ANNA.berzina@example.lv", "purpose": "services"])))
            #expect((found["id"] as? String)?.lowercased() == id.lowercased())
        }
    }

    @Test("PATCH replaces a value; the old one is gone")
    func update() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Self.create(app, keys)
            let response = try await app.testing().sendRequest(.PATCH, "v1/subjects/\(id)", headers: keys.agent,
                                                               body: json(["purpose": "services", "data": ["user.name": "Anna Kalniņa"]]))
            #expect(response.status == .noContent)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/relationships", headers: keys.agent,
                                                    body: json(["kind": "customer", "start": "2025-01-01T00:00:00Z"]))
            let data = try decoded(try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin))["data"] as? [String: String]
            #expect(data?["user.name"] == "Anna Kalniņa")
        }
    }
}
