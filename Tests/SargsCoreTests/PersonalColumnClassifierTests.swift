import Foundation
import Testing

@testable import SargsCore

/// Discovery (issue 25): which columns of a company database look personal (GDPR Art. 4(1): any
/// information relating to an identifiable person), from their names and sampled value shapes.
@Suite("Personal column classifier")
struct PersonalColumnClassifierTests {
    func classify(_ table: String, _ column: String, type: String = "text", _ samples: [String]) -> ColumnFinding? {
        PersonalColumnClassifier.classify(ColumnEvidence(table: table, column: column, type: type, samples: samples))
    }

    @Test("Every value pattern compiles")
    func patternsCompile() {
        #expect(PersonalColumnClassifier.valuePatterns.count == PersonalColumnClassifier.valuePatternSources.count)
        #expect(PersonalColumnClassifier.embedded != nil && PersonalColumnClassifier.localPhone != nil)
    }

    @Test(
        """
        Art. 4(1): e-mail addresses, phone numbers and Baltic personal \
        codes are found by their shape, whatever the column is called
        """
    )
    func valueShapes() throws {
        let email = try #require(
            classify("kontakti", "k1", ["anna@example.lv", "janis@example.lv", "eva@example.com"]))
        #expect(email.category == "user.contact.email" && email.confidence == .high)
        let phone = try #require(classify("kontakti", "k2", ["+371 20000000", "+37061234567", "00372 5123 4567"]))
        #expect(phone.category == "user.contact.phone_number")
        // Latvia: DDMMYY-NNNNN and the 32… codes since 2017; Lithuania and Estonia: 11 digits from 1–6.
        let latvian = try #require(classify("klienti", "pk", ["010180-12345", "320512-10001", "311299-23456"]))
        #expect(latvian.category == "user.government_id.national_identification_number")
        let lithuanian = try #require(classify("klientai", "ak", ["38501010001", "49012310002", "60101010003"]))
        #expect(lithuanian.category == "user.government_id.national_identification_number")
        #expect(lithuanian.reason.contains("Lithuanian or Estonian"))
        let ip = try #require(classify("visits", "source", ["10.0.0.1", "192.168.1.20", "8.8.8.8"]))
        #expect(ip.category == "user.device.ip_address")
    }

    @Test(
        """
        Names say what a column holds where values cannot: a \
        customer's name, an address; a product's name is not personal
        """
    )
    func names() throws {
        #expect(
            try #require(classify("customers", "full_name", ["Anna Bērziņa", "Jonas Jonaitis"])).category
                == "user.name"
        )
        #expect(classify("products", "name", ["Coral Mine", "Spirulina"]) == nil)
        #expect(
            try #require(classify("orders", "shipping_address", ["Brīvības iela 1, Rīga"])).confidence == .medium)
        let unsampled = try #require(classify("members", "email", []))
        #expect(unsampled.confidence == .medium && unsampled.reason.contains("no values"))
        let contradicted = try #require(classify("members", "email", ["yes", "no", "yes"]))
        #expect(contradicted.confidence == .low, "values that do not look like addresses lower the confidence")
    }

    @Test(
        """
        Numbers and dates are not phone numbers; free text holding addresses is found, with the count and never a value
        """
    )
    func falsePositives() throws {
        #expect(classify("orders", "number", type: "integer", ["20260101", "20260102", "38501010001"]) == nil)
        #expect(classify("orders", "created_at", ["2026-01-01", "2026-02-03"]) == nil)
        let note = try #require(
            classify("orders", "note", ["call +37120000000", "leave at door", "mail eva@example.com"]))
        #expect(note.confidence == .medium && note.reason.contains("2 of 3"))
        #expect(!note.reason.contains("37120000000") && !note.reason.contains("eva@"), "the reason never holds a value")
    }

    @Test(
        """
        A draft dataset is fideslang that the scan reads back: \
        every column, categories and identities on the personal ones
        """
    )
    func draftRoundTrip() throws {
        let tables = [DatasetDraft.Table(name: "customers", columns: ["id", "email", "note \"x\""])]
        let findings = [try #require(classify("customers", "email", ["a@example.lv", "b@example.lv"]))]
        let yaml = DatasetDraft.yaml(fidesKey: "shop", tables: tables, findings: findings)
        #expect(yaml.contains("data_categories: [user.contact.email]") && yaml.contains("identity: email"))
        var declared = DeclaredFields()
        try declared.read(yaml: yaml, file: "draft.yml")
        #expect(
            declared.contains(table: "customers", column: "email")
                && declared.contains(table: "Customers", column: "note \"x\""))
        #expect(declared.names.count == 3)
    }

    @Test(
        """
        A file that is not a fideslang dataset is refused with the \
        position and path of what is wrong, by the policy's loader
        """
    )
    func notADataset() {
        var declared = DeclaredFields()
        let missing = #expect(throws: DatasetFileError.self) { try declared.read(yaml: "policy: {}", file: "x.yml") }
        #expect(missing?.problem.contains("[dataset]") == true && missing?.description.hasPrefix("x.yml: 1:1:") == true)
        let unnamed = #expect(throws: DatasetFileError.self) {
            try declared.read(yaml: "dataset:\n  - fides_key: a\n    collections:\n      - fields: []\n", file: "y.yml")
        }
        #expect(unnamed?.problem.contains("[dataset[0].collections[0].name]") == true, "\(String(describing: unnamed))")
        #expect(declared.names.isEmpty, "nothing of a refused file is counted as declared")
    }
}
