import Foundation
import Logging
import SargsCore
import SQLKit
import Testing

@testable import SargsKit
@testable import SargsServer

/// `sargs datasets scan` against real databases (issue 25): a shop's tables on SQLite and on the
/// test PostgreSQL, read-only, with values kept in memory only.
@Suite("Database scanner")
struct DatabaseScannerTests {
    static let logger = DatabaseScanner.quiet

    /// Creates a small shop (customers, products, orders) in the database at `url`.
    static func createShop(_ url: String) async throws {
        try await DatabaseScanner.withSQL(url: url, logger: logger) { sql, _ in
            try await sql.raw(
                """
                CREATE TABLE shop_customers (id INTEGER PRIMARY KEY, \
                email TEXT, phone TEXT, personal_code TEXT, name TEXT)
                """
            ).run()
            try await sql.raw("CREATE TABLE shop_products (id INTEGER PRIMARY KEY, name TEXT)").run()
            try await sql.raw("CREATE TABLE shop_orders (id INTEGER PRIMARY KEY, customer_id INTEGER, note TEXT)").run()
            for index in 1...20 {
                try await sql.raw(
                    """
                    INSERT INTO shop_customers VALUES (\(bind: index), \(bind: "client\(index)@example.lv"), \
                    \(bind: "+3712000\(1000 + index)"),
                    \(bind: "0101\(80 + index % 10)-1\(1000 + index)"), \(bind: "Client \(index)"))
                    """
                ).run()
                try await sql.raw("INSERT INTO shop_products VALUES (\(bind: index), \(bind: "Product \(index)"))")
                    .run()
                try await sql.raw(
                    """
                    INSERT INTO shop_orders VALUES (\(bind: index), \(bind: index), \
                    \(bind: index % 2 == 0 ? "ring +37120000000" : "door"))
                    """
                ).run()
            }
        }
    }

    static func expectShopFindings(_ scan: DatabaseScan) {
        let found = Dictionary(
            uniqueKeysWithValues: scan.findings.filter { $0.table.hasPrefix("shop_") }.map {
                ("\($0.table).\($0.column)", $0)
            })
        #expect(
            found["shop_customers.email"]?.category == "user.contact.email"
                && found["shop_customers.email"]?.confidence == .high)
        #expect(found["shop_customers.phone"]?.category == "user.contact.phone_number")
        #expect(found["shop_customers.personal_code"]?.category == "user.government_id.national_identification_number")
        #expect(found["shop_customers.name"]?.category == "user.name")
        #expect(
            found["shop_orders.note"]?.reason.contains("5 of 10") == true, "ten rows sampled, half hold a phone number"
        )
        #expect(
            found["shop_products.name"] == nil && found["shop_orders.customer_id"] == nil
                && found["shop_customers.id"] == nil)
        #expect(
            scan.tables.first { $0.name == "shop_customers" }?.columns == [
                "id", "email", "phone", "personal_code", "name",
            ])
    }

    @Test("Art. 4(1): a shop in SQLite: personal columns found by name and value shape, a product's name and ids not")
    func sqlite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("shop.sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        try await Self.createShop("sqlite://\(path)")
        let scan = try await DatabaseScanner.scan(url: "sqlite://\(path)", sampleRows: 10)
        Self.expectShopFindings(scan)
    }

    @Test(
        "Art. 4(1): the same shop on PostgreSQL gives the same findings",
        .enabled(if: PostgresTestDatabases.shared != nil))
    func postgres() async throws {
        let databases = try #require(PostgresTestDatabases.shared)
        try await databases.withDatabase { database in
            try await Self.createShop(database.url)
            let scan = try await DatabaseScanner.scan(url: database.url, sampleRows: 10)
            Self.expectShopFindings(scan)
        }
    }

    @Test("A database that cannot be reached is an error that names the cause and never the password")
    func credentialsNeverShown() async throws {
        let error = await #expect(throws: (any Error).self) {
            _ = try await DatabaseScanner.scan(url: "postgres://shop:s3cret-pass@127.0.0.1:1/shop", sampleRows: 10)
        }
        #expect(!String(reflecting: error as Any).contains("s3cret-pass"))
        await #expect(throws: DatabaseScanError.self) {
            _ = try await DatabaseScanner.scan(url: "mysql://shop@localhost/shop", sampleRows: 10)
        }
    }

    @Test("A dataset whose connection variable is not set is named at start: its requests will wait as failed")
    func datasetWithoutConnection() async throws {
        try await withSargs(policy: "examples/web-shop-lv.yaml") { _, context, _, logs in
            #expect(context.rules.policy.datasets?.first?.connection == "WEB_SHOP_DATABASE_URL")
            #expect(context.datasets.entries.map(\.system) == ["web_shop"])
            #expect(
                logs.all.contains("the dataset 'web_shop' names the connection WEB_SHOP_DATABASE_URL, which is not set")
            )
        }
    }
}
