import Fluent
import Foundation
import SargsCore
import SQLKit
@testable import SargsKit
@testable import SargsServer
import Testing
import VaporTesting

/// Requests reaching the company's own databases (issue 25): the web shop of seed 003 on the test
/// database (PostgreSQL in CI, SQLite otherwise), a failing system, a retry and a resumed crash.
@Suite("Requests across the company's systems")
struct CompanySystemsTests {
    static let anna: [String: any Sendable] = [
        "country": "LV", "language": "lv", "source": "web", "collected_for": "orders",
        "data": ["user.contact.email": "Anna.Berzina@Example.lv", "user.name": "Anna Bērziņa"],
    ]

    static let completedSubject = "Jūsu pieprasījums ir izpildīts"

    static func subject(_ app: Application, _ keys: TestKeys) async throws {
        let response = try await app.testing().sendRequest(
            .POST, "v1/subjects", headers: keys.admin, body: json(anna))
        #expect(response.status == .created, "\(response.body.string)")
    }

    /// The request as the API shows it, as JSON.
    static func shown(_ app: Application, _ keys: TestKeys, _ id: String) async throws -> [String: Any] {
        let response = try await app.testing().sendRequest(.GET, "v1/requests/\(id)", headers: keys.dpo)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    static func systems(_ request: [String: Any]) -> [[String: Any]] { request["systems"] as? [[String: Any]] ?? [] }

    /// Sargs on the web shop's policy with a clock, its shop database named but not there yet: a
    /// system fails until the test creates the file at the path it is given (removed afterwards).
    static func withShopLater(
        _ name: String,
        _ body: (_ path: String, ManualClock, Application, SargsContext, TestKeys) async throws -> Void
    ) async throws {
        let path = TestEnvironment.temporaryDirectory(name).appendingPathExtension("sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ManualClock.testing()
        try await withSargs(
            policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": "sqlite://\(path)"],
            clock: clock
        ) { app, context, keys, _ in
            try await body(path, clock, app, context, keys)
        }
    }

    /// A verified request of `type` from Anna, approved; its id and how the API shows it then.
    static func approved(
        _ app: Application, _ keys: TestKeys, type: String
    ) async throws -> (id: String, request: [String: Any]) {
        let id = try await Factory.verifiedRequest(app, keys, type: type)
        try await RequestActions.perform(app, keys, id, "approve")
        return (id, try await shown(app, keys, id))
    }

    @Test(
        """
        Art. 15: an access request reaches the shop's database: the system is done with its rows, \
        and the package holds Anna's rows and no one else's
        """
    )
    func access() async throws {
        try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
            try await withSargs(
                policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": shop.url]
            ) { app, context, keys, logs in
                try await Self.subject(app, keys)
                let (id, request) = try await CompanySystemsTests.approved(app, keys, type: "access")
                #expect(request["status"] as? String == "completed")
                let system = try #require(Self.systems(request).first)
                #expect(system["system"] as? String == "web_shop" && system["status"] as? String == "done")
                // Anna's customer row, her address, two orders, one invoice and her newsletter row.
                #expect(system["rows"] as? Int == 6, "\(system)")
                let model = try await RequestQueries.find(try #require(UUID(uuidString: id)), on: app.db)
                let package = try await ExportService(context: context).package(for: model, actor: "test", on: app.db)
                let text = String(decoding: package.bytes, as: UTF8.self)
                #expect(
                    text.contains("systems/web_shop/customers.csv") && text.contains("systems/web_shop/invoices.csv"))
                #expect(text.contains("Brīvības iela 1") && text.contains("LV-PAY-1"))
                #expect(!text.contains("Juris") && !text.contains("Cēsis"), "no other customer's row")
                // Credentials stay out of the package: Anna's password hash is not her data to read.
                #expect(!text.contains("password_hash") && !text.contains("\"x1\""), "no credential")
                // Values read from the company's database never reach the logs or the audit trail.
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "request.system").all()
                #expect(
                    audit.count == 1
                        && audit[0].result
                            == "ok:web_shop:rows=6;addresses=1,customers=1,invoices=1,newsletter=1,orders=2",
                    "\(audit.map(\.result))")
                #expect(!logs.all.contains("Brīvības") && !logs.all.contains(shop.url))
            }
        }
    }

    @Test(
        """
        Art. 17: an erasure empties Anna's personal fields in every collection, leaves keys and others' rows, \
        and the request completes when the shop confirms
        """
    )
    func erasure() async throws {
        try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
            try await withSargs(
                policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": shop.url]
            ) { app, _, keys, _ in
                try await Self.subject(app, keys)
                let (_, request) = try await CompanySystemsTests.approved(app, keys, type: "erasure")
                #expect(request["status"] as? String == "completed")
                let customers = try await shop.rows(
                    "SELECT id, email, first_name, username FROM customers ORDER BY id",
                    columns: ["id", "email", "first_name", "username"])
                #expect(customers[0]["id"] == .integer(1) && customers[0]["email"] == .null)
                #expect(customers[0]["first_name"] == .null && customers[0]["username"] == .null)
                #expect(customers[1]["email"] == .text("juris@example.lv"), "another customer is untouched")
                let invoices = try await shop.rows(
                    "SELECT billing_name, order_id FROM invoices ORDER BY id", columns: ["billing_name", "order_id"])
                #expect(invoices[0]["billing_name"] == .null && invoices[0]["order_id"] == .integer(101))
                #expect(invoices[1]["billing_name"] == .text("Juris Kalniņš"))
                let newsletter = try await shop.rows(
                    "SELECT email FROM newsletter ORDER BY subscribed_at", columns: ["email"])
                #expect(newsletter.map { $0["email"] } == [.null, .text("other@example.lv")])
                let system = try #require(Self.systems(request).first)
                #expect(system["status"] as? String == "done" && system["rows"] as? Int == 6)
                // The audit trail keeps the dataset, each collection's action and row count; no value.
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "request.system").all()
                #expect(
                    audit.map(\.result) == [
                        "ok:web_shop:rows=6;addresses.emptied=1,customers.emptied=1,invoices.emptied=1,"
                            + "newsletter.emptied=1,orders.emptied=2"
                    ])
                // The identities the system was searched by are forgotten once it is done.
                let row = try #require(try await RequestSystemModel.query(on: app.db).first())
                #expect(row.work.isEmpty)
                // The answer reaches Anna although her address was shredded before the shop confirmed.
                let mail = try await SentMail.deliverAndRead(app)
                #expect(
                    mail.contains { $0.to == NewSubject.annasEmail && $0.subject == Self.completedSubject })
            }
        }
    }

    @Test("A system that fails keeps the request open, says why (never the URL), and is retried alone")
    func failureRetryAndCrash() async throws {
        let missing = TestEnvironment.temporaryDirectory("shop-later").appendingPathExtension("sqlite").path
        try await withSargs(
            policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": "sqlite://\(missing)"]
        ) { app, context, keys, logs in
            try await Self.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.perform(app, keys, id, "approve")
            var request = try await Self.shown(app, keys, id)
            #expect(request["status"] as? String == "in_progress", "a failed system never completes the request")
            var system = try #require(Self.systems(request).first)
            #expect(system["status"] as? String == "failed")
            #expect((system["failure"] as? String)?.contains("no SQLite database") == true)
            // The background jobs say so, and count it for the metrics.
            try await BackgroundRuns.runOnce(app)
            #expect(logs.all.contains("company systems failed their part of open requests"))
            #expect(try await RequestService(context: context).failedSystemsCount(on: app.db) == 1)
            let before = try await SentMail.deliverAndRead(app).filter { $0.to == NewSubject.annasEmail }.count
            // The console shows the system, the reason and a retry to a DPO.
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let page = try await dpo.open("console/requests/\(id)?lang=en").body.string
            #expect(page.contains("Company systems") && page.contains("no SQLite database"))
            #expect(
                !page.contains("action=\"/console/requests/\(id.lowercased())/complete\""),
                "not completed by hand past its systems")
            #expect(
                page.contains("action=\"/console/requests/\(id.lowercased())/system\""),
                "a failed system can be retried")
            #expect(!page.contains(missing), "the database's URL is not shown")

            // A retry before the cause is fixed fails again; after it, the system is done and the answer goes out.
            try await RequestActions.perform(app, keys, id, "systems/web_shop/retry")
            request = try await Self.shown(app, keys, id)
            system = try #require(Self.systems(request).first)
            #expect(system["status"] as? String == "failed" && system["attempts"] as? Int == 2)
            _ = FileManager.default.createFile(atPath: missing, contents: nil)
            defer { try? FileManager.default.removeItem(atPath: missing) }
            let shop = CompanyDatabaseFile(path: missing)
            try await shop.execute(CompanyDatabase.shop)
            try await RequestActions.refused(app, keys, id, "systems/nowhere/retry", status: .notFound)
            // The DPO retries from the console.
            let retried = try await dpo.post("console/requests/\(id.lowercased())/system", [("system", "web_shop")])
            #expect(retried.status == .seeOther)
            request = try await Self.shown(app, keys, id)
            #expect(request["status"] as? String == "completed")
            #expect(Self.systems(request).first?["rows"] as? Int == 6)
            let after = try await SentMail.deliverAndRead(app).filter { $0.to == NewSubject.annasEmail }
            #expect(after.count == before + 1 && after.last?.subject == Self.completedSubject, "sent once, at the end")
            try await RequestActions.refused(app, keys, id, "systems/web_shop/retry", status: .conflict)
        }
    }

    @Test("Art. 20(2): a direct transmission waits for the shop's database and carries its portable rows too")
    func transmissionCarriesTheSystems() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
            try await withSargs(
                policy: "examples/web-shop-lv.yaml",
                environment: ["WEB_SHOP_DATABASE_URL": shop.url, "SARGS_ALLOW_INSECURE_URLS": "1"]
            ) { app, _, keys, _ in
                try await Self.subject(app, keys)
                let id = try await Factory.verifiedRequest(
                    app, keys, type: "portability", details: ["transmit_to": receiver.url])
                let done = try await RequestActions.perform(app, keys, id, "approve")
                #expect(done.status == "completed" && done.outcome?.transmitted == true)
                try await BackgroundRuns.runOnce(app)
                let delivery = try #require(await receiver.received.first)
                let document = String(decoding: delivery.body, as: UTF8.self)
                let json = try #require(try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])
                let systems = json["systems"] as? [[String: Any]] ?? []
                #expect(systems.map { $0["system"] as? String } == ["web_shop"])
                #expect(document.contains("Brīvības iela 1") && !document.contains("Juris"))
                #expect(await receiver.received.count == 1, "transmitted once, when the last system was done")
            }
        }
    }

    @Test("A request rejected while a system fails keeps nothing for it: no sealed answer, no identities")
    func rejectedWhileWaiting() async throws {
        let missing = TestEnvironment.temporaryDirectory("shop-never").appendingPathExtension("sqlite").path
        try await withSargs(
            policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": "sqlite://\(missing)"]
        ) { app, _, keys, _ in
            try await Self.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "erasure")
            try await RequestActions.perform(app, keys, id, "approve")
            #expect(try await PendingCompletionModel.query(on: app.db).count() == 1)
            try await RequestActions.perform(
                app, keys, id, "reject", ["kind": "restricted_by_law", "reason": "a court order forbids it"])
            #expect(try await PendingCompletionModel.query(on: app.db).count() == 0)
            let systems = try await RequestSystemModel.query(on: app.db).all()
            #expect(systems.count == 1 && systems.allSatisfy { $0.work.isEmpty && $0.status == .failed })
            try await RequestActions.refused(app, keys, id, "systems/web_shop/retry", status: .conflict)
        }
    }

    @Test(
        "A system another runner is at work on is left alone: a staff retry is refused until the runner's claim lapses"
    )
    func claimedSystemIsLeftAlone() async throws {
        try await Self.withShopLater("shop-claimed") { path, clock, app, _, keys in
            try await Self.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.perform(app, keys, id, "approve")
            let requestID = try #require(UUID(uuidString: id))
            #expect(Self.systems(try await Self.shown(app, keys, id)).first?["status"] as? String == "failed")
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            try await CompanyDatabaseFile(path: path).execute(CompanyDatabase.shop)
            // As a background runner that has just claimed it leaves it: a claim holding for ten minutes.
            try await RequestSystemModel.query(on: app.db).filter(\.$requestID == requestID)
                .set(\.$claimedUntil, to: clock.now.addingTimeInterval(RequestService.systemClaimLease)).update()
            try await RequestActions.refused(app, keys, id, "systems/web_shop/retry", status: .conflict)
            var system = try #require(Self.systems(try await Self.shown(app, keys, id)).first)
            #expect(system["status"] as? String == "failed" && system["attempts"] as? Int == 1, "not carried out twice")
            clock.advance(by: RequestService.systemClaimLease + 1)
            try await RequestActions.perform(app, keys, id, "systems/web_shop/retry")
            let request = try await Self.shown(app, keys, id)
            system = try #require(Self.systems(request).first)
            #expect(request["status"] as? String == "completed" && system["attempts"] as? Int == 2)
            let stored = try #require(
                try await RequestSystemModel.query(on: app.db).filter(\.$requestID == requestID).first())
            #expect(stored.claimedUntil == nil, "a finished runner lets its claim go")
        }
    }

    @Test("A system a stopped process left pending is resumed by the background jobs, and the request completes")
    func resumedAfterACrash() async throws {
        try await Self.withShopLater("shop-crash") { path, clock, app, _, keys in
            try await Self.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.perform(app, keys, id, "approve")
            // As a process killed while carrying the system out leaves it: claimed (pending), not reported.
            let requestID = try #require(UUID(uuidString: id))
            try await RequestSystemModel.query(on: app.db).filter(\.$requestID == requestID)
                .set(\.$status, to: .pending).set(\.$updatedAt, to: clock.now).update()
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            try await CompanyDatabaseFile(path: path).execute(CompanyDatabase.shop)
            // Not yet: another runner may still be at work for the first minutes.
            try await BackgroundRuns.runOnce(app)
            #expect(try await Self.shown(app, keys, id)["status"] as? String == "in_progress")
            clock.advance(by: 600)
            try await BackgroundRuns.runOnce(app)
            let request = try await Self.shown(app, keys, id)
            #expect(request["status"] as? String == "completed")
            #expect(Self.systems(request).first?["status"] as? String == "done")
        }
    }

    @Test(
        """
        Art. 16: a rectification sets the corrected phone number in the shop's customer row; a name split \
        into first and last name is left for staff and said so
        """
    )
    func rectification() async throws {
        try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
            try await withSargs(
                policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": shop.url]
            ) { app, _, keys, _ in
                try await Self.subject(app, keys)
                let id = try await Factory.verifiedRequest(
                    app, keys, type: "rectification",
                    details: [
                        "corrections": ["user.contact.phone_number": "+371 2000 0001", "user.name": "Anna Kalniņa"]
                    ])
                try await RequestActions.perform(app, keys, id, "approve")
                let request = try await Self.shown(app, keys, id)
                #expect(request["status"] as? String == "completed")
                let phones = try await shop.rows(
                    "SELECT phone, first_name FROM customers ORDER BY id", columns: ["phone", "first_name"])
                #expect(phones[0]["phone"] == .text("+37120000001") && phones[0]["first_name"] == .text("Anna"))
                #expect(phones[1]["phone"] == .text("+37129999999"), "another customer is untouched")
                let collections = Self.systems(request).first?["collections"] as? [[String: Any]] ?? []
                let customers = try #require(collections.first { $0["name"] as? String == "customers" })
                #expect(customers["rectified"] as? [String] == ["phone"])
                #expect(Set(customers["kept"] as? [String] ?? []) == ["first_name", "last_name"])
            }
        }
    }

    @Test("A database's refusal is stored in its own words, never with the value that was asked")
    func failureQuotesNoValue() async throws {
        let statements = [
            "CREATE TABLE members (id BIGINT PRIMARY KEY, phone BIGINT)", "INSERT INTO members VALUES (1, 371)",
        ]
        try await CompanyDatabase.with(statements) { members in
            let dataset = try #require(
                DatasetLoader.load(
                    yaml: """
                        dataset:
                          - fides_key: club
                            collections:
                              - name: members
                                fields:
                                  - {name: id, fides_meta: {primary_key: true}}
                                  - name: phone
                                    data_categories: [user.contact.phone_number]
                                    fides_meta: {identity: phone_number}
                        """, file: "club.yml"
                ).file?.dataset.first)
            let connector = SQLDatasetConnector(dataset: dataset)
            do {
                // A text identity against a numeric column: PostgreSQL refuses it and names the value.
                let found = try await ExternalDatabase.with(url: members.url) { _, sql, _ in
                    try await connector.find(identities: ["phone_number": ["+37126123456"]], sql: sql)
                }
                #expect(found.rowCount == 0, "SQLite compares by affinity and finds nothing")
                if members.url.hasPrefix("postgres") {
                    Issue.record("PostgreSQL compares bigint with text: it refuses")
                }
            } catch {
                let failure = SystemFailure(error).description
                #expect(failure.hasPrefix("PostgreSQL: ") && !failure.contains("26123456"), "\(failure)")
            }
        }
    }

    static let bookings = [
        """
        CREATE TABLE travellers (id INTEGER PRIMARY KEY, email TEXT, phone TEXT, first_name TEXT, last_name TEXT,
        born TEXT, passport TEXT)
        """,
        """
        CREATE TABLE bookings (id INTEGER PRIMARY KEY, traveller_id INTEGER REFERENCES travellers(id), hotel TEXT,
        departs_on TEXT)
        """,
        """
        INSERT INTO travellers VALUES
        (1, 'rasa@example.lt', '+37061234567', 'Rasa', 'Petraitė', '1988-02-03', 'LT1234567'),
        (2, 'tomas@example.lt', '+37069999999', 'Tomas', 'Jonaitis', '1979-11-30', 'LT7654321')
        """,
        "INSERT INTO bookings VALUES (10, 1, 'Hurghada Palm', '2026-07-01'), (11, 2, 'Antalya Sun', '2026-08-01')",
    ]

    @Test(
        """
        Art. 17(3)(b): in Coral Travel's booking system (SQLite) an erasure keeps the names the accounting law \
        keeps, empties the rest, and says why
        """
    )
    func bookingSystemKeepsWhatTheLawKeeps() async throws {
        try await CompanyDatabase.with(sqlite: true, Self.bookings) { bookings in
            try await withSargs(
                policy: "examples/coral-travel/lithuania.yaml", environment: ["BOOKINGS_DATABASE_URL": bookings.url]
            ) { app, context, keys, _ in
                let created = try await app.testing().sendRequest(
                    .POST, "v1/subjects", headers: keys.admin,
                    body: json(
                        [
                            "country": "LT", "language": "lt", "source": "web", "collected_for": "service-quality",
                            "data": ["user.contact.email": "Rasa@Example.lt", "user.name.first": "Rasa"],
                        ] as [String: any Sendable]))
                #expect(created.status == .created, "\(created.body.string)")
                let request = try await RequestService(context: context).submit(
                    try DataRequestSubmission(
                        type: "erasure", subjectID: nil, email: "rasa@example.lt", language: "lt", channel: "in_person",
                        details: nil, representative: nil, clientIP: nil, receivedOn: nil),
                    clientIP: "test", actor: "test", enteredByStaff: true, identityChecked: true, on: app.db)
                // Staff checked Rasa's identity at the counter, as the console records it.
                try await RequestService(context: context).attest(
                    request, .init(method: "identity_document", checked: "passport at the counter"), actor: "test",
                    on: app.db)
                let id = try request.requireID().wire
                let approved = try await app.testing().sendRequest(
                    .POST, "v1/requests/\(id)/approve", headers: keys.dpo)
                #expect(approved.status == .ok, "\(approved.body.string) \(request.status)")
                let shown = try await Self.shown(app, keys, id)
                #expect(shown["status"] as? String == "completed")
                let system = try #require(Self.systems(shown).first)
                let kept = (system["kept"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
                #expect(Set(kept).isSuperset(of: ["first_name", "last_name"]), "\(system)")
                let grounds = (system["kept"] as? [[String: Any]] ?? []).flatMap { $0["grounds"] as? [String] ?? [] }
                #expect(grounds.contains("legal_obligation"))
                let rows = try await bookings.rows(
                    "SELECT email, passport, born, first_name FROM travellers ORDER BY id",
                    columns: ["email", "passport", "born", "first_name"])
                #expect(rows[0]["email"] == .null && rows[0]["passport"] == .null && rows[0]["born"] == .null)
                #expect(rows[0]["first_name"] == .text("Rasa"), "kept under Art. 17(3)(b) until the period ends")
                #expect(rows[1]["passport"] == .text("LT7654321"), "another traveller is untouched")
            }
        }
    }
}

/// An SQLite company database at a path the test chose.
struct CompanyDatabaseFile {
    let path: String

    func execute(_ statements: [String]) async throws {
        try await ExternalDatabase.with(url: "sqlite://\(path)") { _, sql, _ in
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }
}

/// Art. 18 in the company's databases: a dataset with a restriction column has the person's rows
/// marked; one without records why not, and the request still completes.
@Suite("Restriction across the company's systems")
struct DatasetRestrictionTests {
    @Test(
        "Art. 18(1), 18(3): the shop's restriction column is set on Anna's customer row alone, and cleared by the lift")
    func marked() async throws {
        let directory = TestEnvironment.temporaryDirectory("shop-restriction")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = directory.appendingPathComponent("web-shop.yml").path
        let text = try String(contentsOfFile: TestEnvironment.path("examples/datasets/web-shop.yml"), encoding: .utf8)
        let marked = text.replacingOccurrences(
            of: "      - name: addresses\n", with: "          - name: restricted\n      - name: addresses\n")
        #expect(marked != text)
        try marked.write(toFile: dataset, atomically: true, encoding: .utf8)
        let variant = try PolicyVariant(
            "examples/web-shop-lv.yaml",
            replacing: "  - file: datasets/web-shop.yml\n    connection: WEB_SHOP_DATABASE_URL\n",
            with: """
                  - file: \(dataset)
                    connection: WEB_SHOP_DATABASE_URL
                    restriction: {collection: customers, field: restricted}

                """)
        defer { variant.remove() }
        let schema = CompanyDatabase.shop + ["ALTER TABLE customers ADD COLUMN restricted BOOLEAN DEFAULT FALSE"]
        try await CompanyDatabase.with(schema) { shop in
            try await withSargs(policy: variant.path, environment: ["WEB_SHOP_DATABASE_URL": shop.url]) {
                app, _, keys, _ in
                try await CompanySystemsTests.subject(app, keys)
                let (_, request) = try await CompanySystemsTests.approved(app, keys, type: "restriction")
                #expect(request["status"] as? String == "completed")
                let system = try #require(CompanySystemsTests.systems(request).first)
                let collections = system["collections"] as? [[String: Any]] ?? []
                #expect(collections.first?["action"] as? String == "marked" && system["rows"] as? Int == 1)
                let restricted = try await shop.rows("SELECT id FROM customers WHERE restricted", columns: ["id"])
                #expect(restricted.map { $0["id"] } == [.integer(1)], "\(restricted)")

                // Art. 18(3): the lift, Anna told by other means; the shop's column follows when it takes effect.
                let restriction = try #require(
                    try await RestrictionModel.query(on: app.db).filter(\.$liftedAt == nil).first())
                let subject = restriction.subjectID.uuidString.lowercased()
                let restrictionID = try restriction.requireID().uuidString.lowercased()
                let lifted = try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(subject)/restrictions/\(restrictionID)/lift", headers: keys.dpo,
                    body: json(["subject_informed": true]))
                #expect(lifted.status == .ok, "\(lifted.body.string)")
                try await BackgroundRuns.runOnce(app)
                let still = try await shop.rows("SELECT id FROM customers WHERE restricted", columns: ["id"])
                #expect(still.isEmpty, "\(still)")
                let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "system.erase").all()
                #expect(audit.map(\.result) == ["ok:web_shop:subjects=1;rows=1"], "\(audit.map(\.result))")
            }
        }
    }

    @Test("Art. 18(1): a dataset with no restriction column records why it was not marked, and the request completes")
    func recordedWhyNot() async throws {
        try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
            try await withSargs(
                policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": shop.url]
            ) { app, _, keys, _ in
                try await CompanySystemsTests.subject(app, keys)
                let (_, request) = try await CompanySystemsTests.approved(app, keys, type: "restriction")
                #expect(request["status"] as? String == "completed")
                let system = try #require(CompanySystemsTests.systems(request).first)
                #expect((system["note"] as? String)?.hasPrefix("not marked") == true, "\(system)")
                #expect(system["rows"] as? Int == 6, "the rows found are counted")
            }
        }
    }
}

/// A company database keyed by UUIDs (PostgreSQL's `uuid` type in CI, text in SQLite): the
/// references are followed and the rows erased as with integer keys.
@Suite("Company systems keyed by UUIDs")
struct UUIDKeyedDatasetTests {
    static let dataset = """
        dataset:
          - fides_key: crm
            collections:
              - name: people
                fields:
                  - {name: id, fides_meta: {primary_key: true}}
                  - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
                  - {name: full_name, data_categories: [user.name]}
              - name: orders
                fields:
                  - {name: id, fides_meta: {primary_key: true}}
                  - name: person_id
                    fides_meta: {references: [{dataset: crm, field: people.id, direction: from}]}
                  - {name: items, data_categories: [user.behavior.purchase_history]}
        """

    static let schema = [
        "CREATE TABLE people (id UUID PRIMARY KEY, email TEXT, full_name TEXT)",
        "CREATE TABLE orders (id UUID PRIMARY KEY, person_id UUID REFERENCES people(id), items TEXT)",
        """
        INSERT INTO people VALUES ('0b7c8d4e-2f1a-4c3b-9d5e-6f7a8b9c0d1e', 'Anna.Berzina@Example.lv', 'Anna Bērziņa'),
        ('1c8d9e5f-3a2b-4d4c-8e6f-7a8b9c0d1e2f', 'juris@example.lv', 'Juris Kalniņš')
        """,
        """
        INSERT INTO orders VALUES
        ('2d9e0f6a-4b3c-4e5d-9f7a-8b9c0d1e2f3a', '0b7c8d4e-2f1a-4c3b-9d5e-6f7a8b9c0d1e', 'tea'),
        ('3e0f1a7b-5c4d-4f6e-8a8b-9c0d1e2f3a4b', '0b7c8d4e-2f1a-4c3b-9d5e-6f7a8b9c0d1e', 'cups'),
        ('4f1a2b8c-6d5e-4a7f-9b9c-0d1e2f3a4b5c', '1c8d9e5f-3a2b-4d4c-8e6f-7a8b9c0d1e2f', 'books')
        """,
    ]

    @Test("Art. 15, 17: a database keyed by UUIDs is searched through its references and erased, on PostgreSQL too")
    func uuidKeys() async throws {
        let directory = TestEnvironment.temporaryDirectory("crm-dataset")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("crm.yml").path
        try Self.dataset.write(toFile: file, atomically: true, encoding: .utf8)
        let variant = try PolicyVariant(
            "examples/web-shop-lv.yaml",
            replacing: "  - file: datasets/web-shop.yml\n    connection: WEB_SHOP_DATABASE_URL\n",
            with: "  - file: \(file)\n    connection: CRM_DATABASE_URL\n")
        defer { variant.remove() }
        try await CompanyDatabase.with(Self.schema) { crm in
            try await withSargs(policy: variant.path, environment: ["CRM_DATABASE_URL": crm.url]) { app, _, keys, _ in
                try await CompanySystemsTests.subject(app, keys)
                let access = try await Factory.verifiedRequest(app, keys, type: "access")
                try await RequestActions.perform(app, keys, access, "approve")
                let found = try #require(
                    CompanySystemsTests.systems(try await CompanySystemsTests.shown(app, keys, access)).first)
                #expect(found["status"] as? String == "done" && found["rows"] as? Int == 3, "\(found)")
                let erasure = try await Factory.verifiedRequest(app, keys, type: "erasure")
                try await RequestActions.perform(app, keys, erasure, "approve")
                let erased = try #require(
                    CompanySystemsTests.systems(try await CompanySystemsTests.shown(app, keys, erasure)).first)
                #expect(erased["status"] as? String == "done", "\(erased)")
                let people = try await crm.rows(
                    "SELECT email FROM people ORDER BY full_name NULLS FIRST", columns: ["email"])
                #expect(people.map { $0["email"] } == [.null, .text("juris@example.lv")], "\(people)")
                let orders = try await crm.rows("SELECT items FROM orders WHERE items IS NOT NULL", columns: ["items"])
                #expect(orders.map { $0["items"] } == [.text("books")])
            }
        }
    }
}
