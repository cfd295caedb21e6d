import Foundation
import Testing
@testable import SargsCore

/// Finding a subject's rows in a company database and planning their erasure (GDPR Art. 15, 17).
@Suite("Dataset connectors: search and erasure plan")
struct DatasetConnectorTests {
    static func dataset(_ path: String) throws -> FidesDataset {
        let loaded = DatasetLoader.load(contentsOf: TestFiles.root.appendingPathComponent(path).path)
        return try #require(loaded.file?.dataset.first, "\(loaded.diagnostics)")
    }

    /// An in-memory database: rows by collection; counts the queries it answers.
    final class Tables: @unchecked Sendable {
        var rows: [String: [DatasetRow]]
        var queries: [DatasetQuery] = []

        init(_ rows: [String: [DatasetRow]]) { self.rows = rows }

        func fetch(_ query: DatasetQuery) -> [DatasetRow] {
            queries.append(query)
            let wanted = Set(query.values.compactMap(\.matchKey))
            let matching = (rows[query.collection] ?? []).filter { row in
                row[query.field]?.matchKey.map(wanted.contains) ?? false
            }
            guard let fields = query.fields else { return matching }
            return matching.map { row in row.filter { fields.contains($0.key) } }
        }
    }

    static func shop() -> Tables {
        Tables([
            "customers": [
                ["id": .integer(1), "email": .text("anna@example.lv"), "first_name": .text("Anna")],
                ["id": .integer(2), "email": .text("juris@example.lv"), "first_name": .text("Juris")],
            ],
            "addresses": [
                ["id": .integer(10), "customer_id": .integer(1), "city": .text("Rīga")],
                ["id": .integer(11), "customer_id": .integer(2), "city": .text("Cēsis")],
            ],
            "orders": [
                ["id": .integer(100), "customer_id": .integer(1), "items": .text("tea")],
                ["id": .integer(101), "customer_id": .integer(1), "items": .text("cups")],
                ["id": .integer(102), "customer_id": .integer(2), "items": .text("books")],
            ],
            "invoices": [
                ["id": .integer(1000), "order_id": .integer(101), "billing_name": .text("Anna B.")],
                ["id": .integer(1001), "order_id": .integer(102), "billing_name": .text("Juris K.")],
            ],
            "newsletter": [["email": .text("anna@example.lv")], ["email": .text("other@example.lv")]],
        ])
    }

    @Test("Art. 15: from the e-mail address every row about the subject is found, through references both ways")
    func findsThroughReferences() async throws {
        let tables = Self.shop()
        let search = DatasetSearch(try Self.dataset("examples/datasets/web-shop.yml"))
        let found = try await search.find(identities: ["email": ["anna@example.lv"]]) { tables.fetch($0) }
        #expect(found.rows["customers"]?.count == 1)
        #expect(found.rows["addresses"]?.map { $0["city"] } == [.text("Rīga")])
        #expect(Set(found.rows["orders"]?.compactMap { $0["id"]?.matchKey } ?? []) == ["100", "101"])
        #expect(found.rows["invoices"]?.map { $0["billing_name"] } == [.text("Anna B.")])
        #expect(found.rows["newsletter"]?.count == 1)
        #expect(found.rowCount == 6)
        // No other customer's row, and no value asked twice of the same field.
        #expect(!found.rows.values.joined().contains { $0["first_name"] == .text("Juris") })
        let asked = tables.queries.flatMap { query in
            query.values.map { "\(query.collection).\(query.field)=\($0.matchKey ?? "")" }
        }
        #expect(!tables.queries.contains { $0.values.isEmpty })
        #expect(asked.count == Set(asked).count, "a value was asked of the same field twice: \(asked)")
    }

    @Test(
        "A lookup table two customers share is reached from an order, never back to the other customer's orders"
    )
    func referencesFollowTheirDirection() async throws {
        let dataset = try #require(
            DatasetLoader.load(
                yaml: """
                    dataset:
                      - fides_key: shop
                        collections:
                          - name: customers
                            fields:
                              - {name: id, fides_meta: {primary_key: true}}
                              - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
                          - name: orders
                            fields:
                              - {name: id, fides_meta: {primary_key: true}}
                              - name: customer_id
                                fides_meta: {references: [{dataset: shop, field: customers.id, direction: from}]}
                              - name: product_id
                                fides_meta: {references: [{dataset: shop, field: products.id, direction: to}]}
                              - {name: note, data_categories: [user.behavior.purchase_history]}
                          - name: products
                            fields:
                              - {name: id, fides_meta: {primary_key: true}}
                              - {name: title}
                    """, file: "shop.yml"
            ).file?.dataset.first)
        let tables = Tables([
            "customers": [
                ["id": .integer(1), "email": .text("anna@example.lv")], ["id": .integer(2), "email": .text("b@x.lv")],
            ],
            "orders": [
                ["id": .integer(10), "customer_id": .integer(1), "product_id": .integer(7), "note": .text("Anna's")],
                ["id": .integer(11), "customer_id": .integer(2), "product_id": .integer(7), "note": .text("Other's")],
            ],
            "products": [["id": .integer(7), "title": .text("tea")]],
        ])
        let found = try await DatasetSearch(dataset).find(identities: ["email": ["anna@example.lv"]]) {
            tables.fetch($0)
        }
        #expect(found.rows["orders"]?.map { $0["note"] } == [.text("Anna's")], "no other customer's order")
        #expect(found.rows["products"]?.count == 1)
        #expect(found.rows["customers"]?.count == 1)
    }

    @Test("A subject the database does not know yields nothing, after one query per identity field")
    func unknownSubject() async throws {
        let tables = Self.shop()
        let search = DatasetSearch(try Self.dataset("examples/datasets/web-shop.yml"))
        let found = try await search.find(identities: ["email": ["nobody@example.lv"]]) { tables.fetch($0) }
        #expect(found.rowCount == 0)
        #expect(tables.queries.count == 2)  // customers.email and newsletter.email
    }

    @Test(
        """
        Art. 5(1)(c): a search that acts on the rows (erasure, rectification, restriction) reads only \
        their keys and links, and finds exactly the rows a full search finds, on two seeds' datasets
        """
    )
    func keysOnlySearch() async throws {
        let shop = try Self.dataset("examples/datasets/web-shop.yml")
        let bookings = try Self.dataset("examples/datasets/coral-travel-bookings.yml")
        #expect(DatasetSearch(shop).keyFields(of: "customers") == ["id"])
        #expect(DatasetSearch(shop).keyFields(of: "invoices") == ["id"])
        #expect(DatasetSearch(shop).keyFields(of: "newsletter") == nil, "no primary key: every field tells rows apart")
        let travellers = Tables([
            "travellers": [
                ["id": .integer(1), "email": .text("rasa@example.lt"), "first_name": .text("Rasa")],
                ["id": .integer(2), "email": .text("tomas@example.lt"), "first_name": .text("Tomas")],
            ],
            "bookings": [
                ["id": .integer(10), "traveller_id": .integer(1), "hotel": .text("Hurghada Palm")],
                ["id": .integer(12), "traveller_id": .integer(1), "hotel": .text("Rhodes Bay")],
            ],
        ])
        for (dataset, tables, identities) in [
            (shop, Self.shop(), ["email": ["anna@example.lv"]]),
            (bookings, travellers, ["email": ["rasa@example.lt"]]),
        ] {
            let search = DatasetSearch(dataset)
            let full = try await search.find(identities: identities) { tables.fetch($0) }
            let keys = try await search.find(identities: identities, keysOnly: true) { tables.fetch($0) }
            #expect(keys.rowCount == full.rowCount && keys.rowCount > 2, "\(dataset.fidesKey)")
            #expect(keys.matched == full.matched, "\(dataset.fidesKey)")
            for (collection, rows) in keys.rows {
                guard let fields = search.keyFields(of: collection) else { continue }
                #expect(rows.allSatisfy { Set($0.keys).isSubset(of: fields) }, "\(collection) read more than its keys")
            }
            let values = keys.rows.values.joined().flatMap(\.values)
            #expect(!values.contains(.text("Anna")) && !values.contains(.text("Rhodes Bay")))
        }
        // An erasure's leaves (collections it changes and the walk does not leave from) are matched, not read.
        let tables = Self.shop()
        let acting = try await DatasetSearch(shop).find(
            identities: ["email": ["anna@example.lv"]], keysOnly: true, acting: ["invoices", "newsletter", "orders"]
        ) { tables.fetch($0) }
        #expect(acting.unread == ["invoices", "newsletter"], "orders lead on to invoices, so they are read")
        #expect(!tables.queries.contains { $0.collection == "invoices" || $0.collection == "newsletter" })
        #expect(Set(acting.matched["invoices"]?["order_id"]?.compactMap(\.matchKey) ?? []) == ["100", "101"])
        #expect(acting.matched["newsletter"]?["email"] == [.text("anna@example.lv")])
        #expect(acting.rows["invoices"] == nil && acting.rows["orders"]?.count == 2)
    }

    @Test("The booking dataset (Coral Travel) is searched the same way: the traveller, then their bookings only")
    func bookingDataset() async throws {
        let dataset = try Self.dataset("examples/datasets/coral-travel-bookings.yml")
        let tables = Tables([
            "travellers": [
                ["id": .integer(1), "email": .text("rasa@example.lt"), "first_name": .text("Rasa")],
                ["id": .integer(2), "email": .text("tomas@example.lt"), "first_name": .text("Tomas")],
            ],
            "bookings": [
                ["id": .integer(10), "traveller_id": .integer(1), "hotel": .text("Hurghada Palm")],
                ["id": .integer(11), "traveller_id": .integer(2), "hotel": .text("Antalya Sun")],
                ["id": .integer(12), "traveller_id": .integer(1), "hotel": .text("Rhodes Bay")],
            ],
        ])
        let found = try await DatasetSearch(dataset).find(identities: ["email": ["rasa@example.lt"]]) {
            tables.fetch($0)
        }
        #expect(found.rows["travellers"]?.map { $0["id"] } == [.integer(1)])
        #expect(Set(found.rows["bookings"]?.compactMap { $0["id"] } ?? []) == [.integer(10), .integer(12)])
    }

    @Test("Art. 17(3)(b): a field whose category the law keeps stays, with its ground and end; the rest is emptied")
    func erasureKeepsWhatTheLawKeeps() throws {
        let policy = try TestFiles.validPolicy("Tests/SargsCoreTests/Fixtures/decisions.yaml")
        let dataset = DatasetLoader.load(
            yaml: """
                dataset:
                  - fides_key: shop
                    collections:
                      - name: customers
                        fields:
                          - {name: id, fides_meta: {primary_key: true}}
                          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
                          - {name: full_name, data_categories: [user.name]}
                      - name: newsletter
                        fides_meta: {masking_strategy_override: {strategy: delete}}
                        fields:
                          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
                """, file: "shop.yml"
        ).file!.dataset[0]
        let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        let items = DatasetErasurePlan.categories(of: dataset).sorted().map {
            ErasurePlanner.StoredItem(category: $0, collectedAt: t0)
        }
        let plan = ErasurePlanner(policy: policy).plan(
            items: items, relationships: [], holds: [], at: t0.addingTimeInterval(10 * 86_400))
        let erasure = DatasetErasurePlan(dataset, plan: plan)
        let customers = try #require(erasure.collections.first { $0.name == "customers" })
        #expect(customers.action == .emptyFields(["email"]))
        let kept = try #require(customers.kept.first)
        #expect(kept.field == "full_name" && kept.category == "user.name")
        #expect(kept.grounds.contains { $0.kind == .legalObligation })
        #expect(kept.until == CivilDate(iso: "2031-01-01"))
        // A collection marked `delete` loses the subject's rows when nothing in it is kept.
        #expect(erasure.collections.first { $0.name == "newsletter" }?.action == .deleteRows)
    }

    @Test(
        """
        Art. 5(1)(e): retention empties only the fields whose every category is due, on the web shop's and \
        Coral Travel's datasets; a collection marked delete loses its rows only when all its fields go
        """
    )
    func retentionPlanOnTwoSeeds() throws {
        let shop = try Self.dataset("examples/datasets/web-shop.yml")
        let plan = DatasetErasurePlan(shop, erasing: ["user.name", "user.contact.email"])
        let actions = Dictionary(uniqueKeysWithValues: plan.collections.map { ($0.name, $0.action) })
        #expect(actions["customers"] == .emptyFields(["email", "first_name", "last_name"]))
        #expect(actions["invoices"] == .emptyFields(["billing_name"]))
        #expect(actions["addresses"] == DatasetErasurePlan.Action.none)
        #expect(plan.collections.allSatisfy { $0.kept.isEmpty })
        #expect(!DatasetErasurePlan(shop, erasing: ["user.financial"]).acts, "a category the dataset does not hold")

        let bookings = try Self.dataset("examples/datasets/coral-travel-bookings.yml")
        // The passport and date of birth go; of the name, only the part that is due (first and last are
        // separate categories).
        let travel = DatasetErasurePlan(
            bookings,
            erasing: ["user.government_id.passport_number", "user.demographic.date_of_birth", "user.name.first"])
        #expect(
            travel.collections.first { $0.name == "travellers" }?.action
                == .emptyFields(["first_name", "born", "passport"]))

        let marked = DatasetLoader.load(
            yaml: """
                dataset:
                  - fides_key: list
                    collections:
                      - name: newsletter
                        fides_meta: {masking_strategy_override: {strategy: delete}}
                        fields:
                          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
                          - {name: full_name, data_categories: [user.name]}
                """, file: "list.yml"
        ).file!.dataset[0]
        #expect(
            DatasetErasurePlan(marked, erasing: ["user.contact.email"]).collections[0].action == .emptyFields(["email"])
        )
        #expect(
            DatasetErasurePlan(marked, erasing: ["user.contact.email", "user.name"]).collections[0].action
                == .deleteRows)
    }

    @Test("Art. 17(1): with no ground to keep, every personal field is emptied; keys and references are never touched")
    func erasureWithoutGrounds() throws {
        let policy = try TestFiles.validPolicy("examples/web-shop-lv.yaml")
        let dataset = try Self.dataset("examples/datasets/web-shop.yml")
        let t0 = Date(timeIntervalSince1970: 1_767_225_600)
        let items = DatasetErasurePlan.categories(of: dataset).map {
            ErasurePlanner.StoredItem(category: $0, collectedAt: t0)
        }
        let plan = ErasurePlanner(policy: policy).plan(items: items, relationships: [], holds: [], at: t0)
        let erasure = DatasetErasurePlan(dataset, plan: plan)
        let orders = try #require(erasure.collections.first { $0.name == "orders" })
        #expect(orders.action == .emptyFields(["items"]))
        let customers = try #require(erasure.collections.first { $0.name == "customers" })
        guard case .emptyFields(let fields) = customers.action else {
            Issue.record("customers: \(customers.action)")
            return
        }
        #expect(!fields.contains("id"))
        #expect(Set(fields) == ["email", "first_name", "last_name", "phone", "username", "password_hash"])
    }
}
