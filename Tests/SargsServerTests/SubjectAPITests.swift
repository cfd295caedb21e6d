import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// The vault API, on SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Subjects API")
struct SubjectAPITests {
    @Test("A stored subject is read back only for a purpose that may use it now")
    func purposeBoundRead() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            let denied = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?purpose=services", as: keys.admin)
            #expect(denied.allowed == false)
            #expect(denied.reason == "no_active_contract")
            #expect(denied.data.isEmpty)
            try await Factory.relationship(app, keys, subject: id)
            let allowed = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?purpose=services", as: keys.admin)
            #expect(allowed.data["user.contact.email"] == "anna.berzina@example.lv")
            #expect(allowed.data["user.contact.phone_number"] == "+37126123456")
            #expect(allowed.data["user.name"] == "Anna Bērziņa")
        }
    }

    @Test("A stored e-mail address and phone number appear neither in the database file nor in the logs")
    func noPersonalDataAtRestOrInLogs() async throws {
        guard TestEnvironment.postgresURL == nil else { return }  // the file check needs the SQLite file
        let directory = TestEnvironment.temporaryDirectory("sargs-leak")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try ServerConfiguration.resolve(
            policy: TestEnvironment.path("examples/coral-club.yaml"),
            dataDirectory: directory.path, hostname: nil, port: nil,
            environment: ["SARGS_MASTER_KEY": TestEnvironment.masterKey])
        let logs = LogStore()
        let (app, context) = try await ServerBootstrap.makeApplication(configuration, environment: .testing)
        app.logger = .capturing(into: logs, label: "leak")
        do {
            let keys = try await TestKeys.make(context: context, on: app.db)
            let id = try await Factory.subject(app, keys)
            _ = try await app.testing().sendRequest(
                .POST, "v1/subjects/lookup", headers: keys.admin,
                body: json(["email": "anna.berzina@example.lv", "purpose": "services"]))
            _ = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin, body: json(NewSubject.anna))  // 409
            _ = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin)
            // A request: its address, details and representative are sealed; so are queued messages.
            let request = try await app.testing().sendRequest(
                .POST, "v1/requests", headers: keys.admin,
                body: json([
                    "type": "rectification", "email": "anna.berzina@example.lv", "language": "lv", "channel": "web",
                    "details": ["corrections": ["user.name": "Anna Kalniņa"]],
                    "representative": ["name": "Jānis Advokāts", "contact": "janis@advokats.lv", "proof": "pilnvara"],
                ]))
            #expect(request.status == .created, "\(request.body.string)")
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        var stored = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where name.hasPrefix("sargs.sqlite") {
            stored += try Data(contentsOf: directory.appendingPathComponent(name))
        }
        #expect(stored.count > 10_000)
        for secret in [
            "anna.berzina@example.lv", "Anna.Berzina", "+37126123456", "2612 3456", "Bērziņa", "1990-04-01",
            "Kalniņa", "Advokāts", "janis@advokats.lv",
        ] {
            #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) found in the database file")
            #expect(!logs.all.contains(secret), "\(secret) found in the logs")
        }
    }

    @Test("Reads must name a purpose: 400 as application/problem+json naming the field")
    func readNeedsPurpose() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            let response = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)", headers: keys.admin)
            let problem = try expectProblem(response, status: .badRequest, field: "purpose")
            #expect(problem.status == 400)
        }
    }

    @Test(
        """
        A read decodes its purpose from the URL (escaped or not), answers 404 for an unknown \
        id and 400 for a malformed one, and returns nothing once the subject is erased
        """
    )
    func readAddressing() async throws {
        try await withSargs { app, context, keys, _ in
            let id = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: id)
            let escaped = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?x=1&purpose=servi%63es", as: keys.admin)
            #expect(escaped.purpose == "services")
            #expect(escaped.data["user.name"] == "Anna Bērziņa")
            #expect(context.keys.dataKeys.count == 1, "the read's data key is remembered")
            let unknown = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(UUID().uuidString)?purpose=services", headers: keys.admin)
            _ = try expectProblem(unknown, status: .notFound)
            let malformed = try await app.testing().sendRequest(
                .GET, "v1/subjects/not-a-uuid?purpose=services", headers: keys.admin)
            _ = try expectProblem(malformed, status: .badRequest, field: "id")
            let empty = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=", headers: keys.admin)
            _ = try expectProblem(empty, status: .badRequest, field: "purpose")
            let subjectID = try #require(UUID(uuidString: id))
            try await context.store.write(on: app.db, affecting: [subjectID]) { database in
                try await ErasureService.shredSubjects(
                    [subjectID], owners: context.subjectData, at: context.clock.now, on: database)
                return ((), [])
            }
            #expect(context.keys.dataKeys.count == 0, "the erased subject's key is forgotten at once")
            let after = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?purpose=services", as: keys.admin)
            #expect(after.allowed == false)
            #expect(after.data.isEmpty)
        }
    }

    @Test("Values are validated and only the policy's categories are accepted, with reasons")
    func validation() async throws {
        try await withSargs { app, _, keys, _ in
            func attempt(
                _ data: [String: String], purpose: String = "services",
                sourceLocation: Testing.SourceLocation = #_sourceLocation
            ) async throws -> Wire.Problem {
                let response = try await app.testing().sendRequest(
                    .POST, "v1/subjects", headers: keys.admin,
                    body: json(NewSubject.anna.with(data: data, collectedFor: purpose)))
                return try expectProblem(response, status: .unprocessableEntity, sourceLocation: sourceLocation)
            }
            let young = try await attempt(["user.demographic.date_of_birth": "2015-01-01"])
            #expect(young.field == "data.user.demographic.date_of_birth")
            #expect(young.detail.contains("minimum age of 18"))
            #expect(try await attempt(["user.contact.email": "not-an-address"]).field == "data.user.contact.email")
            #expect(
                try await attempt(["user.contact.phone_number": "26123456"]).field == "data.user.contact.phone_number")
            #expect(try await attempt(["user.biometric": "x"]).field == "data.user.biometric")
            #expect(try await attempt(["user.name": "A"], purpose: "nope").field == "collected_for")
            let problem = try await attempt(["user.contact.email": "x@example.lv"], purpose: "web-analytics")
            #expect(problem.detail.contains("does not use category"))
            #expect(!problem.detail.contains("x@example.lv"))
        }
    }

    @Test("The blind index finds a subject by e-mail without decrypting, and keeps e-mails unique")
    func lookupAndUniqueness() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            let duplicate = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin, body: json(NewSubject.anna))
            #expect(duplicate.status == .conflict)
            let found = try decode(
                Wire.SubjectRead.self,
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/lookup", headers: keys.admin,
                    body: json(["email": " ANNA.berzina@example.lv", "purpose": "services"])))
            #expect(found.id == UUID(uuidString: id))
        }
    }

    @Test("PATCH replaces a value; the old one is gone, also from a read that follows a read")
    func update() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: id)
            let before = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?purpose=services", as: keys.admin)
            #expect(before.data["user.name"] == "Anna Bērziņa")
            let response = try await app.testing().sendRequest(
                .PATCH, "v1/subjects/\(id)", headers: keys.agent,
                body: json(["purpose": "services", "data": ["user.name": "Anna Kalniņa"]]))
            #expect(response.status == .noContent)
            // The read before filled the in-process caches (on SQLite); the change must not be hidden by them.
            let read = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(id)?purpose=services", as: keys.admin)
            #expect(read.data["user.name"] == "Anna Kalniņa")
        }
    }
}
