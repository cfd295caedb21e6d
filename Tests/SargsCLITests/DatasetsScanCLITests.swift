import Foundation
import Testing

/// `sargs datasets scan` as a CI job runs it (issue 25): exit 1 while a personal-looking column is
/// undeclared, 0 once a dataset file declares it, 2 when the scan cannot be made; values never printed.
@Suite("sargs datasets scan")
struct DatasetsScanCLITests {
    let cli = CLITests()

    /// A booking database in SQLite, written by Python's sqlite3 (no Swift driver in the CLI tests).
    func bookingDatabase(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("booking.sqlite").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("create table travellers (id integer primary key, email text, passport text, born text)")
            c.execute("create table hotels (id integer primary key, name text)")
            for i in range(30):
                c.execute("insert into travellers values (?, ?, ?, ?)", (i, \
            f"guest{i}@example.lt", f"LT{i:07d}", "1985-01-01"))
                c.execute("insert into hotels values (?, ?)", (i, f"Hotel {i}"))
            c.commit()
            """,
            path,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path
    }

    @Test(
        """
        Undeclared personal columns fail the job (exit 1) and are \
        listed without a value; the drafted file declares them (exit 0)
        """
    )
    func ciJob() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try bookingDatabase(in: directory)
        let draft = directory.appendingPathComponent("booking.yml").path

        let first = try cli.run(
            ["datasets", "scan", "BOOKING_DATABASE_URL", "--draft", draft, "--name", "booking"],
            environment: ["BOOKING_DATABASE_URL": "sqlite://\(database)"])
        #expect(first.status == 1, "\(first.output) \(first.error)")
        #expect(first.output.contains("travellers.email  user.contact.email  high"), "\(first.output)")
        #expect(first.output.contains("travellers.passport") && first.output.contains("travellers.born"))
        #expect(
            !first.output.contains("hotels.name") && !first.output.contains("guest1@"), "no product of a name, no value"
        )
        let drafted = try String(contentsOfFile: draft, encoding: .utf8)
        #expect(drafted.contains("fides_key: booking") && drafted.contains("- name: hotels"))

        let declared = try cli.run("datasets", "scan", "sqlite://\(database)", "--dataset", draft, "--format", "json")
        #expect(declared.status == 0, "\(declared.output) \(declared.error)")
        let report = try JSONSerialization.jsonObject(with: Data(declared.output.utf8)) as? [String: Any]
        #expect((report?["undeclared"] as? [Any])?.isEmpty == true && (report?["declared"] as? Int) == 3)
    }

    @Test("--policy counts the datasets the policy names as declared: Coral Travel's booking system is fully declared")
    func policyDatasets() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scan-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try bookingDatabase(in: directory)
        let alone = try cli.run("datasets", "scan", "sqlite://\(database)")
        #expect(alone.status == 1)
        let declared = try cli.run(
            "datasets", "scan", "sqlite://\(database)", "--policy", "examples/coral-travel/lithuania.yaml")
        #expect(declared.status == 0, "\(declared.output) \(declared.error)")
        #expect(declared.output.contains("Every column that looks personal is declared (3 declared)"))
    }

    @Test("A scan that cannot be made exits 2 with the reason: no database, an unknown scheme, a bad dataset file")
    func cannotScan() throws {
        let missing = try cli.run("datasets", "scan", "sqlite:///nowhere/booking.sqlite")
        #expect(missing.status == 2 && missing.error.contains("no SQLite database at /nowhere/booking.sqlite"))
        let scheme = try cli.run("datasets", "scan", "mysql://booking@localhost/booking")
        #expect(scheme.status == 2 && scheme.error.contains("postgres://"))
        let unset = try cli.run("datasets", "scan", "NO_SUCH_DATABASE_URL")
        #expect(unset.status == 2 && unset.error.contains("NO_SUCH_DATABASE_URL is not set"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "not-a-dataset-\(UUID().uuidString).yml")
        try "policy: {}\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let bad = try cli.run("datasets", "scan", "sqlite:///nowhere.sqlite", "--dataset", file.path)
        #expect(bad.status == 2 && bad.error.contains("[dataset]"), "\(bad.error)")
    }
}
