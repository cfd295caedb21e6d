import Foundation
import Testing

/// `sargs subjects import` and `sargs retention run` as an operator runs them, including being
/// killed (SIGKILL) halfway and started again.
@Suite("sargs subjects import and retention run")
struct ImportAndRetentionCLITests {
    let cli = CLITests()

    /// A fresh data directory, removed by the caller.
    static func dataDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sargs-cli-\(UUID().uuidString)")
    }

    /// `count` Clubmium enquiries collected two years ago (two sealed values each), as import lines.
    static func enquiries(_ count: Int, from first: Int = 0) -> String {
        (first..<first + count).map { i in
            #"""
            {"external_ref":"crm-\#(i)","country":"LV","language":"lv","source":"crm","collected_for":"enquiries",\#
            "collected_at":"2024-11-01T09:30:00Z",\#
            "data":{"user.name":"Person \#(i)","user.contact.email":"p\#(i)@example.lv"}}
            """#
        }.joined(separator: "\n") + "\n"
    }

    /// Runs SQL against the embedded database with Python's sqlite3 (a reader beside the writer).
    static func query(_ directory: URL, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script =
            """
            import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=10); \
            print('\\n'.join('|'.join(map(str,r)) for r in c.execute(sys.argv[2])))
            """
        process.arguments = ["python3", "-c", script, directory.appendingPathComponent("sargs.sqlite").path, sql]
        let output = Pipe()
        process.standardOutput = output
        let failure = Pipe()
        process.standardError = failure
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: failure.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw QueryFailure(description: problem) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct QueryFailure: Error, CustomStringConvertible { let description: String }

    /// Starts `sargs` with `arguments`, waits until `ready` (polled) holds, then kills it with SIGKILL.
    /// Returns false when the command finished before it could be killed.
    static func killWhen(_ arguments: [String], _ ready: () throws -> Bool) throws -> Bool {
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if try ready() {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return process.terminationReason == .uncaughtSignal
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        return false
    }

    @Test("import reports each refused line as FILE:LINE: field: problem and skips it; --all-or-nothing writes nothing")
    func importRefusals() throws {
        let directory = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("people.jsonl")
        let lines =
            Self.enquiries(2) + """
                {"country":"LV","language":"lv","source":"crm","collected_for":"enquiries",\
                "data":{"user.contact.email":"not-an-address"}}
                {"country":"LV","language":"lv","source":"crm","collected_for":"enquiries",\
                "consent":[],"data":{"user.name":"X"}}

                {"country":"LV","language":"lv","source":"crm","collected_for":"enquiries",\
                "collected_at":"2999-01-01T00:00:00Z","data":{"user.name":"Y"}}
                {"country":"LV","language":"lv","source":"crm","collected_for":"enquiries",\
                "collected_at":"yesterday","data":{"user.name":"Z"}}
                {"external_ref":"crm-0","country":"LV","language":"lv","source":"crm","collected_for":"enquiries",\
                "data":{"user.name":"Twin"}}

                """
        try lines.write(to: file, atomically: true, encoding: .utf8)
        let policy = ["--policy", "examples/clubmium.yaml", "--data-dir", directory.path]

        let refused = try cli.run(["subjects", "import", file.path, "--all-or-nothing"] + policy)
        #expect(refused.status == 1 && refused.error.contains("nothing imported (--all-or-nothing)"))
        #expect(try Self.query(directory, "SELECT count(*) FROM subjects") == "0")

        let result = try cli.run(["subjects", "import", file.path] + policy)
        #expect(result.status == 2, "\(result.error)")
        #expect(result.output.contains("imported 2 subject(s)") && result.output.contains("5 line(s) refused"))
        #expect(result.error.contains("people.jsonl:3: data.user.contact.email: is not a valid e-mail address"))
        #expect(result.error.contains("people.jsonl:4: consent: is not a field of an import line"))
        #expect(result.error.contains("people.jsonl:6: collected_at: must not be in the future"))
        #expect(result.error.contains("people.jsonl:7: collected_at: must be an RFC 3339 time"))
        #expect(result.error.contains("people.jsonl:8: external_ref: another subject already has this value"))
        // No value of a refused line is repeated.
        #expect(!result.error.contains("not-an-address") && !result.error.contains("Twin"))
        // The audit marks the subjects as imported with their original collection time.
        #expect(
            try Self.query(
                directory,
                "SELECT count(*) FROM audit_entries WHERE action = 'subject.create' AND result = 'ok:imported'") == "2")
    }

    @Test("retention run refuses --as-of without --dry-run (a real run always uses now) and a chunk size outside 1-500")
    func runOptions() throws {
        let asOf = try cli.run("retention", "run", "--as-of", "2030-01-01")
        #expect(asOf.status != 0 && asOf.error.contains("needs --dry-run"))
        let chunk = try cli.run("retention", "run", "--chunk-size", "0")
        #expect(chunk.status != 0 && chunk.error.contains("--chunk-size must be 1-500"))
    }

    @Test(
        """
        An import killed halfway resumes after the last line it wrote; a retention run killed halfway leaves \
        each subject untouched or fully processed, and the next run finishes without doing anything twice
        """
    )
    func killedAndResumed() throws {
        let directory = Self.dataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("enquiries.jsonl")
        let total = 4_000
        try Self.enquiries(total).write(to: file, atomically: true, encoding: .utf8)
        let options = ["--policy", "examples/clubmium.yaml", "--data-dir", directory.path]

        // The import: killed once a chunk of 500 lines has committed.
        #expect(try cli.run(["migrate"] + options).status == 0)
        let killedImport = try Self.killWhen(["subjects", "import", file.path] + options) {
            (Int(try Self.query(directory, "SELECT value FROM settings WHERE name LIKE 'import.%'")) ?? 0) >= 500
        }
        let written = Int(try Self.query(directory, "SELECT count(*) FROM subjects")) ?? -1
        #expect(killedImport, "the import finished before it could be killed")
        #expect(written > 0 && written < total && written % 500 == 0, "\(written) subjects after the kill")
        let resumed = try cli.run(["subjects", "import", file.path] + options)
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(resumed.output.contains("resumed after line \(written)"))
        #expect(try Self.query(directory, "SELECT count(*) FROM subjects") == "\(total)")
        #expect(
            try Self.query(directory, "SELECT count(*) FROM audit_entries WHERE action = 'subject.create'")
                == "\(total)")

        // Retention: every enquiry is over six months old. The first run after the rules were set needs --yes without a
        // terminal.
        let unconfirmed = try cli.run(["retention", "run"] + options)
        #expect(unconfirmed.status == 1 && unconfirmed.error.contains("sargs retention run --yes"))
        #expect(unconfirmed.error.contains("enquiry: \(total * 2) × delete") && unconfirmed.output.isEmpty)
        let killedRun = try Self.killWhen(["retention", "run", "--yes", "--chunk-size", "10"] + options) {
            (Int(
                try Self.query(directory, "SELECT count(*) FROM audit_entries WHERE action = 'retention.delete'"))
                ?? 0) > 0
        }
        // Every subject is either untouched (both values) or fully processed (shredded, with a tombstone).
        let counts = try Self.query(
            directory,
            """
            SELECT s.status, (SELECT count(*) FROM data_items d WHERE d.subject_id = s.id) AS items,
                   (SELECT count(*) FROM tombstones t WHERE t.subject_id = s.id) AS tombstones, \
            count(*) FROM subjects s GROUP BY 1, 2, 3
            """
        ).split(separator: "\n").map(String.init)
        #expect(counts.allSatisfy { $0.hasPrefix("active|2|0|") || $0.hasPrefix("erased|0|1|") }, "\(counts)")
        #expect(
            killedRun && counts.contains { $0.hasPrefix("active|2|0|") },
            "the run finished before it could be killed: \(counts)")
        // R17: the killed run's record reports what its committed chunks did, no more and no less.
        let shreddedBeforeRestart = try Self.query(directory, "SELECT count(*) FROM tombstones")
        let killedSummary = try Self.query(directory, "SELECT summary FROM retention_runs")
        #expect(killedSummary.contains("\"subjects_shredded\":\(shreddedBeforeRestart)"), "\(killedSummary)")

        let finished = try cli.run(["retention", "run", "--format", "json"] + options)
        #expect(finished.status == 0, "\(finished.error)")
        #expect(try Self.query(directory, "SELECT count(*) FROM data_items") == "0")
        #expect(
            try Self.query(directory, "SELECT count(*) FROM audit_entries WHERE action = 'retention.delete'")
                == "\(total)")
        #expect(try Self.query(directory, "SELECT count(*) FROM tombstones") == "\(total)")
        #expect(
            try Self.query(directory, "SELECT status FROM retention_runs ORDER BY started_at")
                == "interrupted\ncompleted")
        let verify = try cli.run(["audit", "verify"] + options)
        #expect(verify.status == 0, "\(verify.output) \(verify.error)")
        // Nothing is left to do, and a dry run says so.
        let dry = try cli.run(["retention", "run", "--dry-run"] + options)
        #expect(dry.output.contains("0 subject(s) checked, 0 action(s) due"))
    }
}
