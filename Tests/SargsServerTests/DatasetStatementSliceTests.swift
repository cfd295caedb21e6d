import Fluent
import Foundation
import SargsCore
import Testing
@testable import SargsKit
@testable import SargsServer

/// A person (or a retention group) with more rows than one statement may bind is still erased in
/// one transaction: the changing statements bind their values in slices (SQLite takes 32,766
/// parameters, PostgreSQL 65,535). On the test PostgreSQL in CI, SQLite otherwise.
@Suite("Company datasets: statements in slices")
struct DatasetStatementSliceTests {
    @Test("Art. 17(1): an erasure whose rows need several statements empties every row once, in one transaction")
    func erasureInSlices() async throws {
        let more = [
            "INSERT INTO orders VALUES (103, 1, 'pot', 5.00, '2026-05-01'), (104, 1, 'jar', 7.00, '2026-05-02'), "
                + "(105, 1, 'lid', 1.00, '2026-05-03')",
            "INSERT INTO invoices VALUES (1002, 103, 'Anna B.', 'LV-PAY-3', '2026-05-01'), "
                + "(1003, 104, 'Anna B.', 'LV-PAY-4', '2026-05-02'), "
                + "(1004, 105, 'A. Bērziņa', 'LV-PAY-5', '2026-05-03')",
        ]
        try await CompanyDatabase.with(CompanyDatabase.shop + more) { shop in
            let loaded = DatasetLoader.load(
                contentsOf: TestEnvironment.path("examples/datasets/web-shop.yml"))
            let dataset = try #require(loaded.file?.dataset.first)
            let spec = SystemWork.ErasureSpec(
                DatasetErasurePlan(dataset, erasing: ["user.name", "user.contact.email", "user.contact.address"]))
            var sliced = SQLDatasetConnector(dataset: dataset)
            sliced.valuesPerStatement = 2
            let (found, outcome) = try await ExternalDatabase.with(url: shop.url) { database, sql, _ in
                var connector = try await SQLDatasetConnector.make(dataset, sql: sql)
                connector.valuesPerStatement = 2
                let found = try await connector.find(
                    identities: ["email": ["anna.berzina@example.lv"]], keysOnly: true, erasing: spec, sql: sql)
                return (found, try await connector.erase(spec, found: found, database: database))
            }
            let invoiceKeys = try #require(found.matched["invoices"])
            #expect(invoiceKeys.values.joined().count == 5, "Anna's five orders lead to the invoices")
            #expect(sliced.conditions(collection: "invoices", matched: invoiceKeys).count == 3, "three statements")
            let invoices = try #require(outcome.collections.first { $0.name == "invoices" })
            #expect(invoices.action == "emptied" && invoices.rows == 4, "every invoice of Anna's, each once")
            let left = try await shop.rows(
                "SELECT id, billing_name FROM invoices ORDER BY id", columns: ["id", "billing_name"])
            #expect(left.filter { $0["billing_name"] == .null }.count == 4)
            #expect(left.first { $0["id"] == .integer(1001) }?["billing_name"] == .text("Juris Kalniņš"))
        }
    }
}
