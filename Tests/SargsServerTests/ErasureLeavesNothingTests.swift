import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// After an erasure nothing of the person is readable anywhere (issue 21 item 4, Art. 17(1)).
@Suite("Erasure leaves nothing readable")
struct ErasureLeavesNothingTests {
    static let email = "gonezo.erase@example.lv", phone = "+37120003333", text = "Please erase everything about Gonezo"

    @Test(
        """
        Art. 17(1): an erasure that shreds the subject forgets its requests' \
        details; the database files and the API hold none of its values
        """
    )
    func shreddedSubject() async throws {
        let directory = TestEnvironment.temporaryDirectory("sargs-erasure")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withSargs(dataDirectory: directory) { app, context, keys, _ in
            let subject = try await Factory.subject(
                app, keys,
                NewSubject.anna.with(data: [
                    "user.contact.email": Self.email,
                    "user.contact.phone_number": Self.phone,
                ]))
            let rectification = try await Factory.request(
                app, keys,
                [
                    "type": "rectification", "email": Self.email, "language": "en",
                    "channel": "email",
                    "details": [
                        "corrections": ["user.contact.phone_number": "+37120004444"],
                        "text": Self.text,
                    ] as [String: any Sendable],
                    "representative": [
                        "name": "Gonezo's lawyer", "contact": "lawyer@example.lv",
                        "proof": "power of attorney 17",
                    ],
                ])
            let erasure = try await Factory.request(
                app, keys,
                [
                    "type": "erasure", "email": Self.email, "language": "en", "channel": "email",
                    "details": ["text": Self.text],
                ])
            try await RequestActions.perform(
                app, keys, erasure.id.uuidString, "verify",
                ["attestation": ["method": "in_person", "checked": "ID card"]])
            let done = try await RequestActions.perform(app, keys, erasure.id.uuidString, "approve")
            #expect(done.outcome?.shredded == true)
            _ = try await SentMail.deliverAndRead(app)

            // The requests' sealed details are gone, not merely locked: the master key opens nothing personal.
            for id in [rectification.id, erasure.id] {
                let model = try await RequestQueries.find(id, on: app.db)
                let details = try RequestStore.open(model, master: context.masterKey)
                #expect(details.details == nil && details.representative == nil && details.email == nil)
            }
            // The API shows none of it.
            for id in [rectification.id, erasure.id] {
                let shown = try await app.testing().sendRequest(.GET, "v1/requests/\(id.uuidString)", headers: keys.dpo)
                    .body.string
                for value in [Self.email, Self.phone, Self.text, "lawyer@example.lv"] {
                    #expect(!shown.contains(value))
                }
            }
            let lookup = try await app.testing().sendRequest(
                .POST, "v1/subjects/lookup", headers: keys.admin,
                body: json(["email": Self.email, "purpose": "services"]))
            #expect(lookup.status == .notFound)
            let read = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(subject)?purpose=services", headers: keys.admin)
            #expect(!read.body.string.contains(Self.email))
            // The database files (SQLite, the embedded default) hold none of the values in clear.
            if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
                for file in ["sargs.sqlite", "sargs.sqlite-wal"] {
                    let path = directory.appendingPathComponent(file).path
                    guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                    for value in [Self.email, Self.phone, Self.text, "lawyer@example.lv", "Gonezo"] {
                        #expect(bytes.range(of: Data(value.utf8)) == nil, "\(file) holds \(value)")
                    }
                }
            }
        }
    }

    @Test(
        """
        Art. 5(1)(e): a closed request keeps its details 90 days, then only \
        its type, dates, status and outcome; expired code rows go after two days
        """
    )
    func purgeAfterDeclaredPeriod() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            _ = try await RequestActions.perform(app, keys, id, "approve")
            let purge = RecordPurge(context: context, requestDetailsDays: 90)
            #expect(try await purge.run(now: context.clock.now, on: app.db).requestDetails == 0)
            clock.advance(by: 91 * 86_400)
            let counts = try await purge.run(now: context.clock.now, on: app.db)
            #expect(counts.requestDetails == 1 && counts.codeRows >= 1)
            let model = try await RequestQueries.find(try #require(UUID(uuidString: id)), on: app.db)
            #expect(model.sealed.isEmpty && model.status == .completed && model.outcomeValue != nil)
            #expect(try await VerificationChallengeModel.query(on: app.db).count() == 0)
            let entry = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "records.purge").first())
            #expect(
                entry.result == "ok:request_details=1;code_rows=\(counts.codeRows)" && entry.subjectID == nil,
                "the purge is audited with its counts, and names nobody")
        }
    }
}
