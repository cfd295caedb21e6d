import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

@Suite("Keys, roles and audit")
struct SecurityAndAuditTests {
    @Test("401 without or with a bad key; 403 when the role or the purposes do not allow it")
    func authentication() async throws {
        try await withSargs { app, context, keys, _ in
            let id = try await Factory.subject(app, keys)
            let none = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services")
            #expect(try expectProblem(none, status: .unauthorized).detail.contains("sargs keys create"))
            let forged: HTTPHeaders = [
                "Authorization": "Bearer sargs_000000000000_\(String(repeating: "0", count: 64))"
            ]
            #expect(
                try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: forged).status
                    == .unauthorized)
            let serviceRead = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(id)?purpose=services", headers: keys.marketingService)
            #expect(serviceRead.status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "v1/audit", headers: keys.agent).status == .forbidden)
            #expect(
                try await app.testing().sendRequest(
                    .GET, "v1/subjects/\(id)?purpose=marketing", headers: keys.marketingService
                ).status == .ok)
            try await APIKeys.revoke(
                keyID: keys.adminKeyID, actor: "test", audit: context.audit, principals: app.principalCache, on: app.db,
                now: context.clock.now)
            #expect(
                try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin)
                    .status == .unauthorized)
        }
    }

    @Test("Service keys may not create keys for undeclared purposes; purposes are only for service keys")
    func keyRules() async throws {
        try await withSargs { app, context, _, _ in
            await #expect(throws: APIKeys.KeyError.unknownPurpose("nope")) {
                try await APIKeys.create(
                    role: .service, purposes: ["nope"], policy: context.rules.policy, actor: "t", audit: context.audit,
                    on: app.db,
                    now: context.clock.now)
            }
            await #expect(throws: APIKeys.KeyError.purposesOnlyForServiceKeys) {
                try await APIKeys.create(
                    role: .agent, purposes: ["marketing"], policy: context.rules.policy, actor: "t",
                    audit: context.audit, on: app.db,
                    now: context.clock.now)
            }
            let keys = try await APIKeys.list(on: app.db)
            #expect(keys.count == 4)
        }
    }

    @Test("Every access leaves a chained entry without personal values; altering one breaks verification")
    func auditTrail() async throws {
        try await withSargs { app, context, keys, _ in
            let id = try await Factory.subject(app, keys)
            _ = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin)
            let page = try await getJSON(Wire.AuditPage.self, app, "v1/audit?subject=\(id)", as: keys.dpo)
            #expect(page.entries.map(\.action) == ["subject.create", "subject.read"])
            #expect(page.entries.first?.categories.contains("user.contact.email") == true)
            #expect(page.verification.hasPrefix("intact"))
            let text = String(buffer: try await app.testing().sendRequest(.GET, "v1/audit", headers: keys.admin).body)
            #expect(!text.contains("anna") && !text.contains("Bērziņa"))
            // the first policy version, 4 keys, create, read
            #expect(try await context.audit.verify(on: app.db).verification == .intact(entries: 7))
            let row = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "subject.read").first())
            row.result = "ok:forged"
            try await row.save(on: app.db)
            guard case .broken(let sequence, _) = try await context.audit.verify(on: app.db).verification else {
                Issue.record("tampering was not detected"); return
            }
            #expect(sequence == row.id)
            // A page verifies what it returns: the page holding the altered entry says so, a page without it does not.
            let altered = try await getJSON(Wire.AuditPage.self, app, "v1/audit?subject=\(id)", as: keys.dpo)
            #expect(altered.verification.hasPrefix("broken at entry \(sequence)"))
            let keysPage = try await getJSON(Wire.AuditPage.self, app, "v1/audit?limit=2", as: keys.dpo)
            #expect(
                keysPage.verification.hasPrefix("intact") && keysPage.entries.map(\.sequence) == [1, 2]
                    && keysPage.nextAfter == 2)
            let next = try await getJSON(Wire.AuditPage.self, app, "v1/audit?limit=2&after=2", as: keys.dpo)
            #expect(next.entries.map(\.sequence) == [3, 4])
            // The whole chain, for admins only.
            let whole = try await getJSON(Wire.AuditVerification.self, app, "v1/audit/verify", as: keys.admin)
            #expect(!whole.intact && whole.brokenAt.map(Int64.init) == sequence)
            #expect(
                try await app.testing().sendRequest(.GET, "v1/audit/verify", headers: keys.dpo).status == .forbidden)
        }
    }

    @Test("The server refuses a master key that does not match the data")
    func masterKeyMismatch() async throws {
        // The key file lives beside the SQLite file; PostgreSQL test databases already hold the fixed key's check
        // value.
        guard TestEnvironment.postgresURL == nil else { return }
        let directory = TestEnvironment.temporaryDirectory("sargs-kcv")
        defer { try? FileManager.default.removeItem(at: directory) }
        func configuration(_ key: String?) throws -> ServerConfiguration {
            try ServerConfiguration.resolve(
                policy: TestEnvironment.path("examples/minimal.yaml"), dataDirectory: directory.path,
                hostname: nil, port: nil, environment: key.map { ["SARGS_MASTER_KEY": $0] } ?? [:])
        }
        // First start generates the key file with mode 0600.
        let (app, _) = try await ServerBootstrap.makeApplication(try configuration(nil), environment: .testing)
        try await app.asyncShutdown()
        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("master.key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        await #expect(throws: VaultError.self) {
            let (other, _) = try await ServerBootstrap.makeApplication(
                try configuration(MasterKey.generate().base64), environment: .testing)
            try await other.asyncShutdown()
        }
    }

    @Test("Configuration errors name the setting")
    func configurationErrors() throws {
        #expect(throws: ConfigurationError.invalid("SARGS_PORT", "'http' is not a port number")) {
            try ServerConfiguration.resolve(
                policy: "examples/minimal.yaml", dataDirectory: nil, hostname: nil, port: nil,
                environment: ["SARGS_PORT": "http"])
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(
                policy: "missing.yaml", dataDirectory: nil, hostname: nil, port: nil, environment: [:])
        }
        #expect(
            throws: ConfigurationError.invalid("SARGS_DATABASE_CONNECTIONS", "must be 1-64 connections per event loop")
        ) {
            try ServerConfiguration.resolve(
                policy: "examples/minimal.yaml", dataDirectory: nil, hostname: nil, port: nil,
                environment: ["SARGS_DATABASE_CONNECTIONS": "0"])
        }
        #expect(
            try ServerConfiguration.resolve(
                policy: "examples/minimal.yaml", dataDirectory: nil, hostname: nil, port: nil,
                environment: ["SARGS_DATABASE_CONNECTIONS": "8"]
            ).databaseConnectionsPerEventLoop == 8)
    }
}

@Suite("Audit chain across writers")
struct AuditChainWritersTests {
    @Test(
        """
        Another process appending to the chain (a CLI beside the server) never forks it or fails the server's next write
        """
    )
    func separateAuditLogs() async throws {
        try await withSargs { app, context, keys, _ in
            let first = try await Factory.subject(app, keys)
            // A second AuditLog stands for another process: it has its own serialisation and no shared state.
            let other = AuditLog(key: context.audit.key)
            _ = try await APIKeys.create(
                role: .agent, purposes: [], policy: context.rules.policy, actor: "cli", audit: other, on: app.db,
                now: context.clock.now)
            // The server writes again right after; with a stale head it would reuse a sequence number.
            let read = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(first)?purpose=services", headers: keys.admin)
            #expect(read.status == .ok)
            async let a: Void = other.record(
                [AuditChain.Draft(time: context.clock.now, actor: "cli", action: .keyCreate, result: "ok")], on: app.db)
            async let b: Void = context.audit.record(
                [AuditChain.Draft(time: context.clock.now, actor: "test", action: .keyRevoke, result: "ok")], on: app.db
            )
            _ = try await (a, b)
            let verification = try await context.audit.verify(on: app.db).verification
            guard case .intact(let entries) = verification else {
                Issue.record("chain broken: \(verification)")
                return
            }
            #expect(entries == (try await AuditEntryModel.query(on: app.db).count()))
        }
    }
}
