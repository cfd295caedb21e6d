import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsKit
@testable import SargsServer

/// A system with no API reached by retention (issue 25): the people a run leaves with nothing in
/// Sargs go to the system's owner as one list behind a signed link, which the owner confirms; the
/// list is late after the system's days. On SQLite, and on PostgreSQL in CI.
@Suite("Retention reaching a manual system")
struct ManualErasureListTests {
    static let annasEmail = NewSubject.annasEmail
    static let jurisEmail = "juris.list@example.lv"

    @Test(
        """
        Art. 5(1)(e), 17(1): two people retention leaves with nothing reach the paper archive's owner as one \
        list (one for the run, not one per chunk) naming no one; the link opens both, the owner confirms, their \
        identities go, and each step is audited
        """
    )
    func retentionListsPeopleForTheOwner() async throws {
        try await ProcessorSystemsTests.withShop { _, _, clock, app, context, keys in
            for (name, email) in [("Anna Bērziņa", Self.annasEmail), ("Juris Kalniņš", Self.jurisEmail)] {
                _ = try await Factory.imported(
                    app, keys, purpose: "enquiries", daysAgo: 365, now: clock.now,
                    data: ["user.name": name, "user.contact.email": email])
            }
            // One subject per chunk: the owner still gets one list for the run, not one per chunk.
            let run = try await RetentionService(context: context).run(
                actor: "dpo", confirmingRuleChange: true, chunkSize: 1, on: app.db)
            #expect(run.subjectsShredded == 2)
            let orders = try await ErasureOrderModel.query(on: app.db).filter(\.$system == "paper-archive").all()
            #expect(orders.count == 2 && orders.allSatisfy { $0.status == .waiting && $0.dueAt != nil })
            #expect(Set(orders.compactMap(\.listID)).count == 1 && orders.allSatisfy { $0.listID != nil }, "one list")
            #expect(orders.allSatisfy { !String(decoding: $0.identities, as: UTF8.self).contains("example.lv") })

            // One message to the owner, naming no one, with the link.
            let mails = try await SentMail.deliverAndRead(app).filter { $0.to == "archive@shop.example" }
            let mail = try #require(mails.first)
            #expect(mails.count == 1 && mail.subject.contains("paper-archive"))
            #expect(!mail.body.contains(Self.annasEmail) && !mail.body.contains(Self.jurisEmail))
            let link = try #require(
                mail.body.split(whereSeparator: \.isWhitespace).first { $0.contains("/tasks/erasures/") })
            let path = String(link[link.range(of: "/tasks/erasures/")!.lowerBound...])
                .trimmingCharacters(in: .punctuationCharacters.subtracting(["_", "-"]))
            let page = try await app.testing().sendRequest(.GET, path + "?lang=en")
            #expect(page.status == .ok && page.headers.first(name: .cacheControl) == "no-store")
            #expect(page.body.string.contains(Self.annasEmail) && page.body.string.contains(Self.jurisEmail))
            #expect(
                try await app.testing().sendRequest(.GET, path + "x").status == .gone, "an altered link opens nothing")

            // Past the archive's days the list is late, on the page and on the console's systems page.
            clock.advance(days: 6)
            #expect(try await app.testing().sendRequest(.GET, path + "?lang=en").body.string.contains("has passed"))
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let systems = try await dpo.open("console/systems?lang=en").body.string
            #expect(systems.contains("2 waiting, 2 late, 0 failed"), "\(systems)")

            let refused = try await app.testing().sendRequest(
                .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "records=lots"))
            #expect(refused.status == .unprocessableEntity)
            let confirmed = try await app.testing().sendRequest(
                .POST, path + "?lang=en", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "records=3"))
            #expect(confirmed.status == .ok && !confirmed.body.string.contains(Self.annasEmail))
            let done = try await ErasureOrderModel.query(on: app.db).filter(\.$system == "paper-archive").all()
            #expect(done.allSatisfy { $0.status == .done && $0.identities.isEmpty })
            let entries = try await AuditEntryModel.query(on: app.db)
                .filter(\.$action == AuditAction.systemErase.rawValue).all().map(\.result)
            #expect(
                entries.contains("ok:paper-archive:listed=2") && entries.contains("ok:paper-archive:subjects=2;rows=3"),
                "\(entries)")
            // A second confirmation changes nothing; the link no longer opens anyone.
            let before = try await AuditEntryModel.query(on: app.db).count()
            _ = try await app.testing().sendRequest(
                .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "records=3"))
            #expect(try await AuditEntryModel.query(on: app.db).count() == before)
            #expect(!(try await app.testing().sendRequest(.GET, path).body.string.contains(Self.jurisEmail)))
        }
    }
}
