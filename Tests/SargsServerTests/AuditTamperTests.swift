import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Threat R4 (security review 2026-12-05) at the server: someone who can write the database's rows
/// with SQL, but has not the master key, forges an entry or deletes the end of the chain.
@Suite("Audit chain against a database writer (R4)")
struct AuditTamperTests {
    @Test(
        """
        Entries are keyed; without a signed head verify warns; the \
        signer writes audit-head.json (0600) and verify checks against it
        """
    )
    func signedHeadFile() async throws {
        let directory = TestEnvironment.temporaryDirectory("sargs-audit-head")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withSargs(dataDirectory: directory) { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            let unsigned = try await context.audit.verify(on: app.db)
            #expect(
                unsigned.isIntact && unsigned.signedHead == nil
                    && unsigned.warning?.hasPrefix("no signed head yet") == true)
            let signer = try #require(app.auditHeadSigner)
            guard case .signed(let head) = try await signer.signIfNeeded(on: app.db) else {
                Issue.record("no head was signed"); return
            }
            #expect(try await signer.signIfNeeded(on: app.db) == .unchanged)
            let path = directory.appendingPathComponent("audit-head.json").path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try await FileAuditHeadSink(path: path).latest() == head)
            let signed = try await context.audit.verify(on: app.db)
            #expect(
                signed.verification == .intact(entries: Int(head.sequence)) && signed.signedHead == head
                    && signed.warning == nil)
            let rows = try await AuditEntryModel.query(on: app.db).all()
            #expect(!rows.isEmpty && rows.allSatisfy { $0.chainVersion == AuditChain.Version.keyed.rawValue })
            let api = try await getJSON(Wire.AuditVerification.self, app, "v1/audit/verify", as: keys.admin)
            #expect(api.intact)
        }
    }

    @Test(
        """
        Threat: a row changed with SQL fails verification, and still \
        fails once every later hash is recomputed without the key
        """
    )
    func rowChangedWithSQL() async throws {
        try await withSargs { app, context, keys, _ in
            let id = try await Factory.subject(app, keys)
            _ = try await app.testing().sendRequest(.GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE audit_entries SET actor = 'key:forged00000' WHERE sequence = 2").run()
            guard case .broken(let sequence, let reason) = try await context.audit.verify(on: app.db).verification
            else {
                Issue.record("the changed row was not detected"); return
            }
            #expect(sequence == 2 && reason.contains("keyed hash"))

            // What the review did: recompute every hash after the change with plain SHA-256, links consistent.
            var entries = try await AuditEntryModel.query(on: app.db).sort(\.$id, .ascending).all().map(\.entry)
            for index in 1..<entries.count {
                entries[index].previousHash = entries[index - 1].hash
                entries[index].chainVersion = AuditChain.Version.plain.rawValue
                entries[index].hash = AuditChain.hash(of: entries[index])
            }
            for entry in entries.dropFirst() {
                try await sql.raw(
                    """
                    UPDATE audit_entries SET previous_hash = \(bind: entry.previousHash), \
                    hash = \(bind: entry.hash), chain_version = 1
                    WHERE sequence = \(bind: entry.sequence)
                    """
                ).run()
            }
            #expect(
                try await context.audit.verify(on: app.db).verification
                    == .broken(sequence: 2, reason: "is unkeyed (chain version 1) after keyed entries (a downgrade)"))
            let api = try await getJSON(Wire.AuditVerification.self, app, "v1/audit/verify", as: keys.admin)
            #expect(!api.intact && api.brokenAt == 2)
        }
    }

    @Test(
        """
        Threat: entries deleted from the end after a head was signed \
        are reported as truncated, and the signer will not sign over them
        """
    )
    func tailDeleted() async throws {
        try await withSargs { app, context, keys, _ in
            let id = try await Factory.subject(app, keys)
            func read() async throws {
                let response = try await app.testing().sendRequest(
                    .GET, "v1/subjects/\(id)?purpose=services", headers: keys.admin)
                #expect(response.status == .ok)
            }
            for _ in 0..<3 { try await read() }
            let signer = try #require(app.auditHeadSigner)
            guard case .signed(let head) = try await signer.signIfNeeded(on: app.db) else {
                Issue.record("no head was signed"); return
            }
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM audit_entries WHERE sequence > \(bind: head.sequence - 2)").run()
            #expect(
                try await context.audit.verify(on: app.db).verification
                    == .broken(
                        sequence: head.sequence,
                        reason: "the signed head names entry \(head.sequence) but the chain ends at entry "
                            + "\(head.sequence - 2): entries were removed (truncated)"))
            guard case .refused = try await signer.signIfNeeded(on: app.db) else {
                Issue.record("the shorter chain was signed"); return
            }
            // New entries take the removed numbers: the entry the head names is now another one.
            for _ in 0..<3 { try await read() }
            guard case .refused = try await signer.signIfNeeded(on: app.db) else {
                Issue.record("a chain that no longer holds the signed entry was signed"); return
            }
            guard case .broken(let sequence, let reason) = try await context.audit.verify(on: app.db).verification
            else {
                Issue.record("the replaced tail was not detected"); return
            }
            #expect(sequence == head.sequence && reason.contains("head mismatch"))
            let api = try await getJSON(Wire.AuditVerification.self, app, "v1/audit/verify", as: keys.admin)
            #expect(!api.intact && api.brokenAt == Int(head.sequence))
        }
    }
}
