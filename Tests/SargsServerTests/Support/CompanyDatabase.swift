import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import SQLKit

/// A company's own database for the connector tests: a new database on the test PostgreSQL when
/// the tests run there (`SARGS_TEST_DATABASE_URL`), else (or when `sqlite` is asked) an SQLite file;
/// dropped afterwards.
struct CompanyDatabase: Sendable {
    let url: String
    private let server: String?
    private let name: String?

    /// Creates the database with `statements` (the schema and rows) and runs `body`, dropping it however `body` ends.
    static func with<T>(
        sqlite: Bool = false, _ statements: [String], _ body: (CompanyDatabase) async throws -> T
    ) async throws -> T {
        let database = try await make(sqlite: sqlite)
        do {
            try await database.execute(statements)
            let result = try await body(database)
            try await database.drop()
            return result
        } catch {
            try? await database.drop()
            throw error
        }
    }

    /// An SQLite file the test made itself (not dropped by this value).
    init(sqliteURL url: String) {
        self.init(url: url, server: nil, name: nil)
    }

    private init(url: String, server: String?, name: String?) {
        self.url = url
        self.server = server
        self.name = name
    }

    private static func make(sqlite: Bool) async throws -> CompanyDatabase {
        if !sqlite, let server = ProcessInfo.processInfo.environment["SARGS_TEST_DATABASE_URL"], !server.isEmpty,
            var components = URLComponents(string: server)
        {
            let name = "company_\(UUID().uuidString.prefix(8).lowercased())"
            try await ExternalDatabase.with(url: server) { _, sql, _ in
                try await sql.raw("CREATE DATABASE \(ident: name)").run()
            }
            components.path = "/\(name)"
            return CompanyDatabase(url: components.string!, server: server, name: name)
        }
        let path = TestEnvironment.temporaryDirectory("company").appendingPathExtension("sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return CompanyDatabase(url: "sqlite://\(path)", server: nil, name: nil)
    }

    func execute(_ statements: [String]) async throws {
        try await ExternalDatabase.with(url: url) { _, sql, _ in
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    /// The rows a query returns, each column read as the connectors read it.
    func rows(_ query: String, columns: [String]) async throws -> [[String: DatasetValue]] {
        try await ExternalDatabase.with(url: url) { _, sql, _ in
            try await sql.raw(SQLQueryString(query)).all().map { row in
                Dictionary(uniqueKeysWithValues: columns.map { ($0, DatasetValue(row, column: $0)) })
            }
        }
    }

    private func drop() async throws {
        if let server, let name {
            try await ExternalDatabase.with(url: server) { _, sql, _ in
                try await sql.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            }
        } else if url.hasPrefix("sqlite://") {
            try? FileManager.default.removeItem(atPath: String(url.dropFirst("sqlite://".count)))
        }
    }

    /// The web shop of seed 003, as `examples/datasets/web-shop.yml` declares it: Anna and another customer.
    static let shop = [
        """
        CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT, first_name TEXT, last_name TEXT, phone TEXT,
        username TEXT, password_hash TEXT)
        """,
        """
        CREATE TABLE addresses (id BIGINT PRIMARY KEY, customer_id BIGINT REFERENCES customers(id), street TEXT,
        city TEXT, postcode TEXT)
        """,
        """
        CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT REFERENCES customers(id), items TEXT,
        total NUMERIC(10,2), placed_at TEXT)
        """,
        """
        CREATE TABLE invoices (id BIGINT PRIMARY KEY, order_id BIGINT REFERENCES orders(id), billing_name TEXT,
        payment_reference TEXT, issued_on TEXT)
        """,
        "CREATE TABLE newsletter (email TEXT, subscribed_at TEXT)",
        """
        INSERT INTO customers VALUES (1, 'Anna.Berzina@Example.lv', 'Anna', 'Bērziņa', '+37126123456', 'anna', 'x1'),
        (2, 'juris@example.lv', 'Juris', 'Kalniņš', '+37129999999', 'juris', 'x2')
        """,
        """
        INSERT INTO addresses VALUES (10, 1, 'Brīvības iela 1', 'Rīga', 'LV-1010'),
        (11, 2, 'Rīgas iela 2', 'Cēsis', 'LV-4101')
        """,
        """
        INSERT INTO orders VALUES (100, 1, 'tea', 12.50, '2026-03-01'), (101, 1, 'cups', 30.00, '2026-04-01'),
        (102, 2, 'books', 9.90, '2026-04-02')
        """,
        """
        INSERT INTO invoices VALUES (1000, 101, 'Anna Bērziņa', 'LV-PAY-1', '2026-04-01'),
        (1001, 102, 'Juris Kalniņš', 'LV-PAY-2', '2026-04-02')
        """,
        "INSERT INTO newsletter VALUES ('anna.berzina@example.lv', '2026-01-05'), ('other@example.lv', '2026-01-06')",
    ]
}
