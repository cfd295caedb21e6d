import Foundation
import SargsCore
import Testing
@testable import SargsKit
@testable import SargsServer

/// `sargs datasets probe`, what `bench/connectors.sh` times: it finds and erases as a request does,
/// and counts the same rows either way. On the test PostgreSQL in CI, SQLite otherwise.
@Suite("Company datasets: the probe")
struct DatasetProbeTests {
    @Test("Art. 15, 17(1): the probe finds Anna's six rows in the shop; its erasure reaches and empties the same six")
    func findsAndErasesTheSameRows() async throws {
        try await CompanyDatabase.with(CompanyDatabase.shop) { shop in
            let file = TestEnvironment.path("examples/datasets/web-shop.yml")
            let found = try await DatasetProbe.run(
                url: shop.url, datasetFile: file, emails: ["Anna.Berzina@example.lv"], erase: false)
            #expect(found.map(\.rows) == [6] && found.map(\.changed) == [0])
            let erased = try await DatasetProbe.run(
                url: shop.url, datasetFile: file, emails: ["anna.berzina@example.lv"], erase: true)
            #expect(erased.map(\.rows) == [6] && erased.map(\.changed) == [6])
            let left = try await shop.rows(
                "SELECT email FROM newsletter WHERE email IS NOT NULL", columns: ["email"])
            #expect(left == [["email": .text("other@example.lv")]], "Anna's subscription is emptied, the other kept")
        }
    }
}
