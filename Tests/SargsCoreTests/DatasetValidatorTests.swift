import Foundation
import Testing

@testable import SargsCore

/// Datasets named in the policy (issue 25), checked before Sargs may reach the company's databases:
/// each problem at the file, line and column of the offending node, like the policy's own.
@Suite("Dataset files")
struct DatasetValidatorTests {
    static func policy(_ path: String) throws -> Policy {
        try #require(PolicyChecker.check(contentsOf: TestFiles.root.appendingPathComponent(path).path).policy)
    }

    static func check(_ yaml: String, against path: String = "examples/web-shop-lv.yaml") throws -> [Diagnostic] {
        let loaded = DatasetLoader.load(yaml: yaml, file: "shop.yml")
        guard let file = loaded.file else { return loaded.diagnostics }
        return loaded.diagnostics
            + DatasetValidator.validate([.init(file: file, sourceMap: loaded.sourceMap)], policy: try policy(path))
    }

    static let shop = """
        dataset:
          - fides_key: shop
            collections:
              - name: customers
                fields:
                  - name: id
                  - name: email
                    data_categories: [user.contact.email]
                    fides_meta:
                      identity: email
              - name: orders
                fields:
                  - name: customer_id
                    fides_meta:
                      references:
                        - dataset: shop
                          field: customers.id
                  - name: items
                    data_categories: [user.behavior.purchase_history]
        """

    @Test(
        """
        The web shop's and Coral Travel's datasets pass with their own \
        policies (two seeds); a Fides key Sargs does not use is a warning
        """
    )
    func examples() throws {
        for path in ["examples/web-shop-lv.yaml", "examples/coral-travel/lithuania.yaml"] {
            let outcome = PolicyChecker.check(contentsOf: TestFiles.root.appendingPathComponent(path).path)
            #expect(outcome.isValid, "\(outcome.diagnostics.map(\.formatted))")
            #expect(outcome.policy?.datasets?.count == 1)
        }
        #expect(try Self.check(Self.shop).isEmpty)
        let extra = try Self.check(
            Self.shop.replacingOccurrences(of: "  - fides_key: shop\n", with: "  - fides_key: shop\n    tags: [a]\n"))
        #expect(extra.map(\.severity) == [.warning] && extra.first?.code == .unknownKey)
    }

    @Test(
        """
        Art. 13(1)(c): a category no purpose declares, or no \
        fideslang category at all, is an error at its line and column
        """
    )
    func categories() throws {
        let undeclared = try Self.check(
            Self.shop.replacingOccurrences(of: "user.behavior.purchase_history", with: "user.financial.bank_account"))
        let first = try #require(undeclared.first)
        #expect(undeclared.count == 1 && first.code == .undeclaredReference)
        #expect(first.location == SourceLocation(file: "shop.yml", line: 19, column: 31))
        #expect(first.path == "dataset[0].collections[1].fields[1].data_categories[0]")
        // The same category is declared by Coral Travel's policy? No: it is declared by neither seed.
        #expect(
            try Self.check(
                Self.shop.replacingOccurrences(
                    of: "user.behavior.purchase_history", with: "user.financial.bank_account"),
                against: "examples/coral-travel/lithuania.yaml"
            ).contains { $0.code == .undeclaredReference })
        let unknown = try Self.check(
            Self.shop.replacingOccurrences(of: "user.behavior.purchase_history", with: "user.shoe_size"))
        #expect(
            unknown.map(\.code) == [.unknownTaxonomyKey]
                && unknown.first?.formatted.hasPrefix("shop.yml:19:31: error:") == true)
    }

    @Test(
        "Art. 15, 17: a broken reference, an identity Sargs cannot match, and a dataset no identity reaches are errors")
    func reachability() throws {
        let broken = try Self.check(
            Self.shop.replacingOccurrences(of: "field: customers.id", with: "field: customers.uuid"))
        #expect(broken.contains { $0.code == .undeclaredReference && $0.path.hasSuffix("references[0].field") })
        #expect(broken.contains { $0.message.contains("no identity reaches the collection 'orders'") })
        let otherDataset = try Self.check(Self.shop.replacingOccurrences(of: "dataset: shop\n", with: "dataset: crm\n"))
        #expect(otherDataset.contains { $0.message.contains("no dataset file declares the dataset 'crm'") })
        let identity = try Self.check(
            Self.shop.replacingOccurrences(of: "identity: email", with: "identity: loyalty_card"))
        #expect(
            identity.contains {
                $0.code == .invalidValue && $0.hint?.contains("email, external_id, phone_number") == true
            })
        #expect(identity.contains { $0.message.contains("has no identity field") })
    }

    @Test("A column whose name says it is personal must have a category")
    func uncategorisedPersonalField() throws {
        let diagnostics = try Self.check(
            Self.shop.replacingOccurrences(
                of: "          - name: id\n", with: "          - name: id\n          - name: surname\n"))
        let finding = try #require(diagnostics.first)
        #expect(
            diagnostics.count == 1 && finding.code == .missingKey
                && finding.message.contains("'customers.surname' looks personal"))
        #expect(finding.hint == "declare its category, e.g. data_categories: [user.name.last]")
    }

    @Test(
        "The policy names a dataset by file and environment variable; a URL in the policy or a missing file is an error"
    )
    func references() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try String(
            contentsOf: TestFiles.root.appendingPathComponent("examples/web-shop-lv.yaml"), encoding: .utf8)
        let policy = directory.appendingPathComponent("policy.yaml")
        try original.replacingOccurrences(
            of: "connection: WEB_SHOP_DATABASE_URL", with: "connection: postgres://shop:secret@db/shop"
        )
        .replacingOccurrences(of: "datasets/web-shop.yml", with: "missing.yml")
        .write(to: policy, atomically: true, encoding: .utf8)
        let outcome = PolicyChecker.check(contentsOf: policy.path)
        #expect(!outcome.isValid)
        #expect(
            outcome.diagnostics.contains {
                $0.path == "datasets[0].connection" && $0.message.contains("environment variable")
            })
        #expect(
            outcome.diagnostics.contains {
                $0.location.file.hasSuffix("missing.yml") && $0.message.contains("cannot read")
            })
    }
}
