import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsKit
@testable import SargsServer

/// Retention carried into the company's datasets (issue 25, Art. 5(1)(e)): the categories no
/// purpose justifies are emptied in the shop's database for the same subjects, after a dry run
/// that touches nothing there; a dataset that fails keeps its work for the next run.
@Suite("Retention across the company's datasets")
struct RetentionDatasetsTests {
    static func post(
        _ app: Application, _ keys: TestKeys, _ path: String, _ body: [String: any Sendable]
    )
        async throws -> [String: Any]
    {
        let response = try await app.testing().sendRequest(.POST, path, headers: keys.dpo, body: json(body))
        #expect(response.status == .created, "\(response.body.string)")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    static func customers(_ shop: CompanyDatabase) async throws -> [[String: DatasetValue]] {
        try await shop.rows(
            "SELECT id, email, first_name, last_name, phone FROM customers ORDER BY id",
            columns: ["id", "email", "first_name", "last_name", "phone"])
    }

    @Test(
        """
        Art. 5(1)(e): an enquiry kept past its six months is deleted in the vault and in the shop's \
        database for that person alone; the dry run lists the fields and changes nothing there
        """
    )
    func enquiryGoesFromTheShop() async throws {
        try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
            let clock = ManualClock.testing()
            try await withSargs(
                policy: "examples/web-shop-lv.yaml", environment: ["WEB_SHOP_DATABASE_URL": shop.url], clock: clock
            ) { app, _, keys, _ in
                let now = clock.now
                _ = try await Factory.imported(
                    app, keys, purpose: "enquiries", daysAgo: 365, now: now,
                    data: ["user.name": "Anna Bērziņa", "user.contact.email": "Anna.Berzina@Example.lv"])
                _ = try await Factory.imported(
                    app, keys, purpose: "enquiries", daysAgo: 10, now: now,
                    data: ["user.name": "Juris Kalniņš", "user.contact.email": "juris@example.lv"])
                let before = try await Self.customers(shop)

                // The dry run: what would go in the shop, and nothing read from or written to it.
                let preview = try await app.testing().sendRequest(.GET, "v1/retention/preview", headers: keys.dpo)
                let report = try #require(
                    try JSONSerialization.jsonObject(with: Data(preview.body.readableBytesView)) as? [String: Any])
                let effects = try #require(report["datasets"] as? [[String: Any]])
                let effect = try #require(effects.first)
                #expect(effect["dataset"] as? String == "web_shop" && effect["subjects"] as? Int == 1)
                #expect(effect["categories"] as? [String] == ["user.contact.email", "user.name"])
                let emptied = Set(effect["emptied"] as? [String] ?? [])
                #expect(
                    emptied == [
                        "customers.email", "customers.first_name", "customers.last_name", "invoices.billing_name",
                        "newsletter.email",
                    ])
                #expect(try await Self.customers(shop) == before)

                let run = try await Self.post(app, keys, "v1/retention/runs", ["confirm_rule_change": true])
                let datasets = try #require(run["datasets"] as? [[String: Any]])
                #expect(datasets.first?["dataset"] as? String == "web_shop")
                // Anna's customer row (three fields), her invoice and her newsletter row.
                #expect(datasets.first?["rows"] as? Int == 3, "\(datasets)")
                #expect(datasets.first?["failed_groups"] as? Int == 0)
                let after = try await Self.customers(shop)
                #expect(after[0]["email"] == .null && after[0]["first_name"] == .null && after[0]["last_name"] == .null)
                #expect(after[0]["phone"] == before[0]["phone"], "a category still justified stays")
                #expect(after[1] == before[1], "Juris's enquiry is recent: nothing of his is touched")
                let invoices = try await shop.rows(
                    "SELECT billing_name FROM invoices ORDER BY id", columns: ["billing_name"])
                #expect(invoices[0]["billing_name"] == .null && invoices[1]["billing_name"] == .text("Juris Kalniņš"))
                let newsletter = try await shop.rows(
                    "SELECT email FROM newsletter ORDER BY subscribed_at", columns: ["email"])
                #expect(newsletter[0]["email"] == .null && newsletter[1]["email"] == .text("other@example.lv"))
                // Nothing left waiting; the audit trail counts rows, never values.
                #expect(try await DatasetErasureWorkModel.query(on: app.db).count() == 0)
                let entries = try await AuditEntryModel.query(on: app.db).all()
                let dataset = try #require(entries.first { $0.action == AuditAction.systemErase.rawValue })
                #expect(dataset.result == "ok:web_shop:subjects=1;rows=3", "\(dataset.result)")
                #expect(!entries.contains { $0.result.contains("Anna") || $0.result.contains("berzina") })
                // A second run finds nothing more to do there.
                let again = try await Self.post(app, keys, "v1/retention/runs", ["confirm_rule_change": false])
                #expect((again["datasets"] as? [[String: Any]])?.isEmpty ?? true)
            }
        }
    }

    @Test("A dataset that cannot be reached keeps the run's work; the next run carries it out")
    func failedDatasetCarriedByNextRun() async throws {
        try await CompanySystemsTests.withShopLater("shop-retention") { path, clock, app, _, keys in
            _ = try await Factory.imported(
                app, keys, purpose: "enquiries", daysAgo: 365, now: clock.now,
                data: ["user.name": "Anna Bērziņa", "user.contact.email": "Anna.Berzina@Example.lv"])
            let failed = try await Self.post(app, keys, "v1/retention/runs", ["confirm_rule_change": true])
            #expect((failed["datasets"] as? [[String: Any]])?.first?["failed_groups"] as? Int == 1)
            #expect(failed["subjects_shredded"] as? Int == 1, "the vault's part is not held back")
            let waiting = try #require(try await DatasetErasureWorkModel.query(on: app.db).first())
            #expect(waiting.failure?.contains("no SQLite database") == true && waiting.attempts == 1)
            // The identities stay sealed: nothing of Anna's is readable in the row.
            #expect(!String(decoding: waiting.identities, as: UTF8.self).lowercased().contains("berzina"))

            #expect(waiting.retryAt.map { $0 > clock.now } == true, "not tried again before its backoff")
            // The shop's database comes back; a minute on, the next run carries the erasure there.
            clock.advance(by: 61)
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let shop = CompanyDatabase(sqliteURL: "sqlite://\(path)")
            try await shop.execute(CompanyDatabase.shop)
            let next = try await Self.post(app, keys, "v1/retention/runs", ["confirm_rule_change": false])
            #expect((next["datasets"] as? [[String: Any]])?.first?["rows"] as? Int == 3, "\(next)")
            #expect(try await DatasetErasureWorkModel.query(on: app.db).count() == 0)
            let customers = try await Self.customers(shop)
            #expect(customers[0]["email"] == .null && customers[1]["email"] == .text("juris@example.lv"))
        }
    }

    @Test(
        """
        Art. 5(1)(e), Art. 21 (seed 004 LT): a service-quality contact kept past its two years loses its first \
        name and e-mail in Coral Travel's booking system (SQLite); the surname and passport, which that purpose \
        never held, stay, and so does the other traveller
        """
    )
    func serviceQualityGoesFromTheBookings() async throws {
        try await CompanyDatabase.with(sqlite: true, CompanySystemsTests.bookings) { bookings in
            let clock = ManualClock.testing()
            try await withSargs(
                policy: "examples/coral-travel/lithuania.yaml", environment: ["BOOKINGS_DATABASE_URL": bookings.url],
                clock: clock
            ) { app, _, keys, _ in
                _ = try await Factory.imported(
                    app, keys, purpose: "service-quality", daysAgo: 3 * 365, now: clock.now,
                    data: ["user.name.first": "Rasa", "user.contact.email": "Rasa@Example.lt"])
                let run = try await Self.post(app, keys, "v1/retention/runs", ["confirm_rule_change": true])
                let datasets = try #require(run["datasets"] as? [[String: Any]])
                #expect(datasets.first?["dataset"] as? String == "bookings" && datasets.first?["rows"] as? Int == 1)
                let rows = try await bookings.rows(
                    "SELECT email, first_name, last_name, passport FROM travellers ORDER BY id",
                    columns: ["email", "first_name", "last_name", "passport"])
                #expect(rows[0]["email"] == .null && rows[0]["first_name"] == .null)
                #expect(rows[0]["last_name"] == .text("Petraitė") && rows[0]["passport"] == .text("LT1234567"))
                #expect(rows[1]["email"] == .text("tomas@example.lt") && rows[1]["first_name"] == .text("Tomas"))
            }
        }
    }
}
