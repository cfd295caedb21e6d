import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsKit
@testable import SargsServer

/// Requests reaching the company's processors over OpenDSR and its systems with no API (issue
/// 25): a processor on loopback that checks credentials, signs its answers and calls back; a manual
/// system whose owner confirms through a signed link. On SQLite, and on PostgreSQL in CI.
@Suite("Requests across processors and manual systems")
struct ProcessorSystemsTests {
    /// The web shop's policy (seed 003) with a processor and a paper archive.
    static func policy(
        _ processor: LoopbackProcessor, days: Int = 5, archiveRequests: String = "[access, erasure]"
    ) throws -> PolicyVariant {
        let certificate = TestEnvironment.temporaryDirectory("mailer-cert").appendingPathExtension("pem").path
        try processor.certificatePEM.write(toFile: certificate, atomically: true, encoding: .utf8)
        return try PolicyVariant(
            "examples/web-shop-lv.yaml", replacing: "\ndatasets:\n",
            with: """

                systems:
                  - id: mailer
                    opendsr:
                      url: \(processor.url)
                      domain: \(LoopbackProcessor.domain)
                      certificate: \(certificate)
                      credentials: MAILER_OPENDSR_AUTH
                  - id: paper-archive
                    requests: \(archiveRequests)
                    manual:
                      owner: archive@shop.example
                      days: \(days)

                datasets:

                """)
    }

    /// The web shop with the mailer and the archive, its database, a clock and Sargs, for one test.
    static func withShop(
        archiveRequests: String = "[access, erasure]",
        _ body: (LoopbackProcessor, CompanyDatabase, ManualClock, Application, SargsContext, TestKeys) async throws
            -> Void
    ) async throws {
        try await LoopbackProcessor.with { processor in
            let variant = try Self.policy(processor, archiveRequests: archiveRequests)
            defer { variant.remove() }
            try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
                let clock = ManualClock.testing()
                try await withSargs(policy: variant.path, environment: Self.environment(shop), clock: clock) {
                    app, context, keys, _ in
                    try await body(processor, shop, clock, app, context, keys)
                }
            }
        }
    }

    static func environment(_ shop: CompanyDatabase) -> [String: String] {
        ["WEB_SHOP_DATABASE_URL": shop.url, "MAILER_OPENDSR_AUTH": LoopbackProcessor.credentials]
    }

    static func system(_ app: Application, _ keys: TestKeys, _ id: String, _ name: String) async throws -> [String: Any]
    {
        let request = try await CompanySystemsTests.shown(app, keys, id)
        return try #require(CompanySystemsTests.systems(request).first { $0["system"] as? String == name })
    }

    static func status(_ app: Application, _ keys: TestKeys, _ id: String) async throws -> String? {
        try await CompanySystemsTests.shown(app, keys, id)["status"] as? String
    }

    static func deliver(
        _ app: Application, _ callback: (headers: HTTPHeaders, body: Data)
    ) async throws -> HTTPResponseStatus {
        try await app.testing().sendRequest(
            .POST, "opendsr/callback", headers: callback.headers, body: ByteBuffer(bytes: callback.body)
        ).status
    }

    static func auditEntries(_ app: Application) async throws -> Int {
        try await AuditEntryModel.query(on: app.db).count()
    }

    @Test(
        """
        Art. 15, Art. 28(3)(e): an access request reaches the shop's database, the processor over OpenDSR and \
        the paper archive; signed callbacks move the processor forward (forged ones are refused, replays \
        change nothing), the owner confirms through the link, and only then is the request completed
        """
    )
    func accessAcrossSystems() async throws {
        try await Self.withShop { processor, shop, clock, app, context, keys in
            try await CompanySystemsTests.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.perform(app, keys, id, "approve")
            #expect(try await Self.status(app, keys, id) == "in_progress")
            #expect(try await Self.system(app, keys, id, "web_shop")["status"] as? String == "done")
            let mailer = try await Self.system(app, keys, id, "mailer")
            #expect(mailer["status"] as? String == "waiting" && mailer["progress"] as? String == "pending")
            #expect(mailer["kind"] as? String == "processor" && mailer["due_at"] != nil)
            let archive = try await Self.system(app, keys, id, "paper-archive")
            #expect(
                archive["status"] as? String == "waiting"
                    && archive["owner"] as? String == "archive@shop.example")

            // What the processor received: the type, Anna's e-mail as written in the vault, our callback.
            let received = try #require(await processor.received.first)
            #expect(received.type == "access" && received.regulation == "gdpr")
            #expect(
                received.identities == [
                    [
                        "identity_type": "email", "identity_value": NewSubject.annasEmail,
                        "identity_format": "raw",
                    ]
                ])
            let callbackURL = try #require(received.callbacks.first)
            #expect(callbackURL.hasSuffix("/opendsr/callback"))

            // A callback whose body was changed after signing, and one from a domain the policy does not name.
            var forged = try await processor.callback(received.id, status: "in_progress", to: callbackURL)
            forged.body = Data(
                String(decoding: forged.body, as: UTF8.self).replacingOccurrences(
                    of: "in_progress", with: "completed"
                ).utf8)
            #expect(try await Self.deliver(app, forged) == .forbidden)
            var stranger = try await processor.callback(received.id, status: "completed", to: callbackURL)
            stranger.headers.replaceOrAdd(name: "X-OpenDSR-Processor-Domain", value: "opendsr.evil.example")
            #expect(try await Self.deliver(app, stranger) == .unauthorized)
            #expect(try await Self.system(app, keys, id, "mailer")["status"] as? String == "waiting")

            // Signed callbacks: in progress, then completed with three records.
            let moving = try await processor.callback(received.id, status: "in_progress", to: callbackURL)
            #expect(try await Self.deliver(app, moving) == .accepted)
            #expect(try await Self.system(app, keys, id, "mailer")["progress"] as? String == "in_progress")
            let done = try await processor.callback(
                received.id, status: "completed", to: callbackURL, resultsCount: 3)
            #expect(try await Self.deliver(app, done) == .accepted)
            let finished = try await Self.system(app, keys, id, "mailer")
            #expect(finished["status"] as? String == "done" && finished["rows"] as? Int == 3)
            // A replay, and a late in_progress, change nothing and write nothing.
            let entries = try await Self.auditEntries(app)
            #expect(try await Self.deliver(app, done) == .accepted)
            #expect(try await Self.deliver(app, moving) == .accepted)
            #expect(try await Self.auditEntries(app) == entries)
            #expect(try await Self.status(app, keys, id) == "in_progress", "the archive has not confirmed")

            // The owner's message names no one; its link opens Anna's identities.
            let mail = try #require(
                try await SentMail.deliverAndRead(app).first { $0.to == "archive@shop.example" })
            #expect(mail.subject.contains("paper-archive"))
            #expect(!mail.body.contains(NewSubject.annasEmail))
            let link = try #require(
                mail.body.split(whereSeparator: \.isWhitespace).first { $0.contains("/tasks/") })
            let path = String(link[link.range(of: "/tasks/")!.lowerBound...])
                .trimmingCharacters(in: .punctuationCharacters.subtracting(["_", "-"]))
            let page = try await app.testing().sendRequest(.GET, path)
            #expect(page.status == .ok && page.body.string.contains(NewSubject.annasEmail))
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            #expect(try await app.testing().sendRequest(.GET, path + "x").status == .gone)

            // Past its days, the console shows the archive late.
            clock.advance(days: 6)
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let console = try await dpo.open("console/requests/\(id)?lang=en").body.string
            #expect(console.contains("paper-archive") && console.contains("(late)"))
            #expect(console.contains("waiting for archive@shop.example"))
            #expect(try await Self.system(app, keys, id, "paper-archive")["late"] as? Bool == true)
            // The DPO's list of systems: how each is reached, never a credential; the archive is late.
            let systems = try await dpo.open("console/systems?lang=en").body.string
            #expect(systems.contains("web_shop") && systems.contains("WEB_SHOP_DATABASE_URL"))
            #expect(systems.contains(processor.url) && systems.contains("certificate valid until"))
            #expect(systems.contains("archive@shop.example") && systems.contains("1 waiting, 1 late, 0 failed"))
            #expect(!systems.contains("loopback-secret") && !systems.contains(shop.url))

            // The owner confirms two records: the request completes and Anna is answered.
            let confirmed = try await app.testing().sendRequest(
                .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "records=2"))
            #expect(confirmed.status == .ok && !confirmed.body.string.contains(NewSubject.annasEmail))
            let archived = try await Self.system(app, keys, id, "paper-archive")
            #expect(archived["status"] as? String == "done" && archived["rows"] as? Int == 2)
            #expect(try await Self.status(app, keys, id) == "completed")
            let answers = try await SentMail.deliverAndRead(app).filter { $0.to == NewSubject.annasEmail }
            #expect(answers.contains { $0.subject == CompanySystemsTests.completedSubject })
            // The link no longer opens anything of Anna's.
            let after = try await app.testing().sendRequest(.GET, path)
            #expect(!after.body.string.contains(NewSubject.annasEmail))
            #expect(await processor.refusedCredentials == 0)
        }
    }

    @Test(
        """
        A processor that is down is tried again on its own with backoff; one that took the request but \
        lost its answer is not sent it twice; with no callback, Sargs asks, and the erasure completes
        """
    )
    func unavailableRetriedAndPolled() async throws {
        try await Self.withShop { processor, shop, clock, app, _, keys in
            try await CompanySystemsTests.subject(app, keys)
            await processor.behave(.unavailable)
            let id = try await Factory.verifiedRequest(app, keys, type: "erasure")
            try await RequestActions.perform(app, keys, id, "approve")
            var mailer = try await Self.system(app, keys, id, "mailer")
            #expect(mailer["status"] as? String == "failed" && mailer["retry_at"] != nil)
            #expect((mailer["failure"] as? String)?.contains("HTTP 503") == true)

            // A minute later the processor takes the request but its answer is lost.
            await processor.behave(.acceptThenFail)
            clock.advance(by: 61)
            try await BackgroundRuns.runOnce(app)
            mailer = try await Self.system(app, keys, id, "mailer")
            #expect(mailer["status"] as? String == "failed" && mailer["attempts"] as? Int == 2)
            #expect(await processor.received.count == 1)

            // Four minutes on, sent again under the same id: the processor has it, and says so.
            await processor.behave(.accept)
            clock.advance(by: 4 * 60 + 1)
            try await BackgroundRuns.runOnce(app)
            mailer = try await Self.system(app, keys, id, "mailer")
            #expect(mailer["status"] as? String == "waiting", "\(mailer)")
            #expect(await processor.received.count == 1, "never sent as a new request twice")
            #expect(await processor.submissions == 3)
            #expect(await processor.received.first?.type == "erasure")

            // No callback comes; after the poll interval Sargs asks, and the processor has finished.
            let external = try #require(await processor.received.first?.id)
            await processor.move(external, to: "completed")
            try await BackgroundRuns.runOnce(app)
            #expect(try await Self.system(app, keys, id, "mailer")["status"] as? String == "waiting")
            clock.advance(by: RequestService.processorPollInterval + 1)
            try await BackgroundRuns.runOnce(app)
            mailer = try await Self.system(app, keys, id, "mailer")
            #expect(mailer["status"] as? String == "done" && mailer["rows"] as? Int == 4, "\(mailer)")
            // The archive still waits for its owner; the processor's part is done.
            #expect(try await Self.status(app, keys, id) == "in_progress")
        }
    }

    @Test(
        """
        Art. 5(1)(e), Art. 28(3)(g): a person retention leaves with nothing is erased at the processor too: \
        the order is sent after the run commits, a signed callback completes it, and the identities go
        """
    )
    func retentionReachesTheProcessor() async throws {
        try await Self.withShop { processor, shop, clock, app, _, keys in
            _ = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: clock.now,
                data: ["user.name": "Anna Bērziņa", "user.contact.email": NewSubject.annasEmail])
            let run = try await RetentionDatasetsTests.post(
                app, keys, "v1/retention/runs", ["confirm_rule_change": true])
            #expect(run["subjects_shredded"] as? Int == 1)
            let received = try #require(await processor.received.first)
            #expect(received.type == "erasure" && received.regulation == "gdpr")
            #expect(received.identities.first?["identity_value"] == NewSubject.annasEmail)
            let order = try #require(
                try await ErasureOrderModel.query(on: app.db).filter(\.$system == "mailer").first())
            #expect(order.status == .waiting && order.externalID == received.id && order.origin == "retention")
            #expect(!String(decoding: order.identities, as: UTF8.self).contains("berzina"))

            let callbackURL = try #require(received.callbacks.first)
            let done = try await processor.callback(received.id, status: "completed", to: callbackURL)
            #expect(try await Self.deliver(app, done) == .accepted)
            let finished = try #require(
                try await ErasureOrderModel.query(on: app.db).filter(\.$system == "mailer").first())
            #expect(finished.status == .done && finished.identities.isEmpty)
            let entries = try await AuditEntryModel.query(on: app.db)
                .filter(\.$action == AuditAction.systemErase.rawValue).all().map(\.result)
            #expect(
                entries.contains("ok:mailer:waiting") && entries.contains("ok:mailer:completed"), "\(entries)")
            // A second run sends nothing again.
            _ = try await RetentionDatasetsTests.post(
                app, keys, "v1/retention/runs", ["confirm_rule_change": false])
            #expect(await processor.submissions == 1)
        }
    }
}
