import Foundation
import Testing

/// `sargs subjects erase` reaches the company's datasets as a request and retention do (issue 25):
/// the same categories go in the shop's database, for the people erased alone.
@Suite("sargs subjects erase across the company's datasets")
struct BulkErasureDatasetsCLITests {
    let cli = CLITests()

    /// Runs Python's sqlite3 on `file`: the statements `script`, then prints the rows of `query`.
    static func sqlite(_ file: URL, _ script: String, query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let program =
            """
            import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit(); \
            print('\\n'.join('|'.join(map(str,r)) for r in c.execute(sys.argv[3])))
            """
        process.arguments = ["python3", "-c", program, file.path, script, query]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let shop = """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, last_name TEXT, phone TEXT,
          username TEXT, password_hash TEXT);
        CREATE TABLE addresses (id INTEGER PRIMARY KEY, customer_id INTEGER, street TEXT, city TEXT, postcode TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, items TEXT, total REAL, placed_at TEXT);
        CREATE TABLE invoices (id INTEGER PRIMARY KEY, order_id INTEGER, billing_name TEXT, payment_reference TEXT,
          issued_on TEXT);
        CREATE TABLE newsletter (email TEXT, subscribed_at TEXT);
        INSERT INTO customers VALUES (1, 'Anna.Berzina@Example.lv', 'Anna', 'Bērziņa', '+37126123456', 'anna', 'x'),
          (2, 'juris@example.lv', 'Juris', 'Kalniņš', '+37129999999', 'juris', 'y');
        INSERT INTO addresses VALUES (10, 1, 'Brīvības iela 1', 'Rīga', 'LV-1010'),
          (11, 2, 'Rīgas iela 2', 'Cēsis', 'LV-4101');
        INSERT INTO orders VALUES (100, 1, 'tea', 12.5, '2026-03-01'), (101, 2, 'books', 9.9, '2026-04-02');
        INSERT INTO invoices VALUES (1000, 100, 'Anna Bērziņa', 'LV-PAY-1', '2026-03-01');
        INSERT INTO newsletter VALUES ('anna.berzina@example.lv', '2026-01-05');
        """

    @Test("Art. 17(1): the CLI's bulk erasure empties Anna's rows in the shop's database and leaves Juris's")
    func erasesInTheShop() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-erase-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = directory.appendingPathComponent("shop.sqlite")
        _ = try Self.sqlite(shop, Self.shop, query: "SELECT 1")
        let environment = ["WEB_SHOP_DATABASE_URL": "sqlite://\(shop.path)"]
        let policy = [
            "--policy", "examples/web-shop-lv.yaml", "--data-dir", directory.appendingPathComponent("d").path,
        ]
        let people = directory.appendingPathComponent("people.jsonl")
        try """
        {"external_ref":"web-1","country":"LV","language":"lv","source":"import","collected_for":"enquiries",\
        "collected_at":"2026-11-01T09:00:00Z",\
            "data":{"user.name":"Anna Bērziņa","user.contact.email":"Anna.Berzina@Example.lv"}}

        """.write(to: people, atomically: true, encoding: .utf8)
        let imported = try cli.run(["subjects", "import", people.path] + policy, environment: environment)
        #expect(imported.status == 0, "\(imported.error)")
        let ids = try ImportAndRetentionCLITests.query(
            directory.appendingPathComponent("d"), "SELECT id FROM subjects WHERE external_ref = 'web-1'")
        let file = directory.appendingPathComponent("ids.txt")
        try (ids + "\n").write(to: file, atomically: true, encoding: .utf8)

        let erased = try cli.run(["subjects", "erase", "--file", file.path] + policy, environment: environment)
        #expect(erased.status == 0, "\(erased.error)")
        #expect(erased.output.contains("dataset web_shop: "), "\(erased.output)")
        let customers = try Self.sqlite(
            shop, "", query: "SELECT id, email IS NULL, first_name IS NULL, phone IS NULL FROM customers ORDER BY id")
        // Anna's personal fields are empty, her phone included (the shop held it, Sargs did not); Juris's stay.
        #expect(customers == "1|1|1|1\n2|0|0|0", "\(customers)")
        let newsletter = try Self.sqlite(shop, "", query: "SELECT count(*) FROM newsletter WHERE email IS NOT NULL")
        #expect(newsletter == "0")
        #expect(!erased.output.lowercased().contains("berzina") && !erased.error.lowercased().contains("berzina"))
    }

    @Test(
        """
        Art. 17(1): the CLI's bulk erasure reaches a system with no API as retention does: one list for its \
        owner for the whole command (one queued message), the people's identities sealed
        """
    )
    func listsForTheOwner() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-erase-list-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = directory.appendingPathComponent("shop.sqlite")
        _ = try Self.sqlite(shop, Self.shop, query: "SELECT 1")
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let text = try String(contentsOf: root.appendingPathComponent("examples/web-shop-lv.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "- file: datasets/web-shop.yml",
                with: "- file: " + root.appendingPathComponent("examples/datasets/web-shop.yml").path
            )
            .replacingOccurrences(
                of: "\ndatasets:\n",
                with: "\nsystems:\n  - id: paper-archive\n    manual:\n      owner: archive@shop.example\n"
                    + "      days: 5\n\ndatasets:\n")
        let policyFile = directory.appendingPathComponent("web-shop-lv.yaml")
        try text.write(to: policyFile, atomically: true, encoding: .utf8)
        let data = directory.appendingPathComponent("d")
        let policy = ["--policy", policyFile.path, "--data-dir", data.path]
        let environment = ["WEB_SHOP_DATABASE_URL": "sqlite://\(shop.path)"]
        let people = directory.appendingPathComponent("people.jsonl")
        try """
        {"external_ref":"web-1","country":"LV","language":"lv","source":"import","collected_for":"enquiries",\
        "data":{"user.name":"Anna Bērziņa","user.contact.email":"Anna.Berzina@Example.lv"}}
        {"external_ref":"web-2","country":"LV","language":"lv","source":"import","collected_for":"enquiries",\
        "data":{"user.name":"Juris Kalniņš","user.contact.email":"juris@example.lv"}}

        """.write(to: people, atomically: true, encoding: .utf8)
        #expect(try cli.run(["subjects", "import", people.path] + policy, environment: environment).status == 0)
        let ids = try ImportAndRetentionCLITests.query(data, "SELECT id FROM subjects ORDER BY external_ref")
        let file = directory.appendingPathComponent("ids.txt")
        try (ids + "\n").write(to: file, atomically: true, encoding: .utf8)

        let erased = try cli.run(["subjects", "erase", "--file", file.path] + policy, environment: environment)
        #expect(erased.status == 0, "\(erased.error)")
        let orders = try ImportAndRetentionCLITests.query(
            data, "SELECT system, status, count(*), count(DISTINCT list_id) FROM erasure_orders GROUP BY system, status"
        )
        #expect(orders == "paper-archive|waiting|2|1", "two people on one list: \(orders)")
        let messages = try ImportAndRetentionCLITests.query(
            data, "SELECT count(*) FROM outbox WHERE topic = 'system-task'")
        #expect(messages == "1", "one message to the owner for the command")
        let sealed = try ImportAndRetentionCLITests.query(data, "SELECT identities FROM erasure_orders")
        #expect(!sealed.lowercased().contains("berzina") && !sealed.contains("juris@"))
    }
}
