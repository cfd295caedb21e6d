import Foundation
import Testing

/// Runs the built `sargs` executable as a person or CI job would.
@Suite("sargs command line")
struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `sargs` binary next to the test bundle (SwiftPM builds it because this target depends on it).
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("sargs")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/sargs")
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    func run(_ arguments: String...) throws -> Result {
        try run(arguments)
    }

    func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Self.root
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        // Standard error goes to a file: a command that filled an error pipe while its output pipe
        // was read to the end would wait forever.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sargs-cli-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe(), error = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try error.close()
        let errorData = try Data(contentsOf: errorFile)
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self))
    }

    @Test("check exits 0 for valid files and 1 when any file has errors")
    func checkExitCodes() throws {
        let valid = try run("policy", "check", "examples/minimal.yaml", "examples/coral-club.yaml")
        #expect(valid.status == 0)
        #expect(valid.output.contains("examples/minimal.yaml: valid (0 errors, 0 warnings)"))
        let invalid = try run(
            "policy", "check", "examples/minimal.yaml", "Tests/SargsCoreTests/Fixtures/invalid/many-errors.yaml")
        #expect(invalid.status == 1)
        #expect(invalid.output.contains("many-errors.yaml:32:18: error: 'contrakt' is not one of"))
        #expect(invalid.output.contains("hint: did you mean 'contract'?"))
    }

    @Test("check exits 0 on warnings only")
    func warningsOnly() throws {
        let result = try run("policy", "check", "Tests/SargsCoreTests/Fixtures/invalid/no-dpo-warning.yaml")
        #expect(result.status == 0)
        #expect(result.output.contains("warning: no data protection officer"))
    }

    @Test("check --format json is machine-readable")
    func checkJSON() throws {
        let result = try run(
            "policy", "check", "--format", "json", "Tests/SargsCoreTests/Fixtures/invalid/unknown-key.yaml")
        #expect(result.status == 1)
        let reports = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]
        let diagnostics = reports?.first?["diagnostics"] as? [[String: Any]]
        #expect(reports?.first?["valid"] as? Bool == false)
        #expect(diagnostics?.first?["code"] as? String == "unknown-key")
        #expect((diagnostics?.first?["location"] as? [String: Any])?["line"] as? Int == 33)
    }

    @Test("render writes a notice file in the requested language and format")
    func render() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try run(
            "policy", "render", "examples/coral-travel/estonia.yaml", "--lang", "et", "--format", "html", "--out",
            out.path)
        #expect(result.status == 0, "\(result.error)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("<html lang=\"et\">"))
        #expect(html.contains("Andmekaitse Inspektsioon"))
        let markdown = try run("policy", "render", "examples/minimal.yaml", "--format", "md")
        #expect(markdown.output.hasPrefix("# Privacy notice"))
    }

    @Test("render refuses a language the policy does not declare, and an invalid policy")
    func renderRefusals() throws {
        let language = try run("policy", "render", "examples/minimal.yaml", "--lang", "lv")
        #expect(language.status == 1)
        #expect(language.error.contains("'lv' is not one of the policy's languages (en)"))
        let invalid = try run("policy", "render", "Tests/SargsCoreTests/Fixtures/invalid/missing-key.yaml")
        #expect(invalid.status == 1)
        #expect(invalid.error.contains("missing required key 'retention'"))
        #expect(invalid.output.isEmpty)
    }

    @Test("ropa produces CSV, Markdown and HTML")
    func ropa() throws {
        let csv = try run("policy", "ropa", "examples/coral-club.yaml", "--format", "csv", "--lang", "en")
        #expect(csv.status == 0)
        #expect(csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 9)
        let markdown = try run("policy", "ropa", "examples/coral-club.yaml", "--format", "md")
        #expect(markdown.output.hasPrefix("# Apstrādes darbību reģistrs"))
        let html = try run("policy", "ropa", "examples/coral-club.yaml", "--format", "html")
        #expect(html.output.contains("<table>"))
    }

    @Test("schema prints the JSON Schema")
    func schema() throws {
        let result = try run("policy", "schema")
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect(json?["title"] as? String == "Sargs policy")
    }

    @Test("diff lists material changes as text and JSON; --exit-code signals them")
    func diff() throws {
        let same = try run("policy", "diff", "examples/coral-club.yaml", "examples/coral-club.yaml", "--exit-code")
        #expect(same.status == 0)
        #expect(same.output.hasPrefix("No material changes"))
        let different = try run(
            "policy", "diff", "examples/coral-travel/latvia.yaml", "examples/coral-travel/estonia.yaml", "--exit-code")
        #expect(different.status == 2)
        #expect(
            different.output.contains(
                """
                ~ retention package-travel-contract: retention end_of_relationship \
                P10Y, then delete → end_of_relationship P3Y, then delete
                """
            ))
        let json = try run(
            "policy", "diff", "examples/coral-travel/latvia.yaml", "examples/coral-travel/estonia.yaml", "--format",
            "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((object?["changes"] as? [Any])?.isEmpty == false)
    }

    @Test("A missing file is reported with its name and a non-zero exit")
    func missingFile() throws {
        let result = try run("policy", "check", "no/such/policy.yaml")
        #expect(result.status == 1)
        #expect(result.output.contains("no/such/policy.yaml:1:1: error: cannot read the file"))
    }

    @Test("subjects erase names a bad line of its id file, and reports what it erased")
    func batchErase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.txt")
        try "# ids\n\(UUID().uuidString)\nnot-an-id\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try run("subjects", "erase", "--file", bad.path, "--data-dir", directory.path)
        #expect(refused.status != 0)
        #expect((refused.output + refused.error).contains("bad.txt:3: 'not-an-id' is not a subject id"))
        let good = directory.appendingPathComponent("ids.txt")
        try "\(UUID().uuidString)\n".write(to: good, atomically: true, encoding: .utf8)
        let erased = try run("subjects", "erase", "--file", good.path, "--data-dir", directory.path)
        #expect(erased.status == 0, "\(erased.error)")
        #expect(erased.output.contains("erased 1 subject(s)") && erased.output.contains("1 not found"))
        // The tombstone list round-trips through replay (ids with times, as `tombstones` prints them).
        let list = directory.appendingPathComponent("tombstones.txt")
        try "\(UUID().uuidString.lowercased()) 2026-11-23T10:00:00Z\n".write(
            to: list, atomically: true, encoding: .utf8)
        let replayed = try run("subjects", "replay-tombstones", "--file", list.path, "--data-dir", directory.path)
        #expect(
            replayed.status == 0 && replayed.output.contains("replayed 1 tombstone(s): 0 restored"), "\(replayed.error)"
        )
        let printed = try run("subjects", "tombstones", "--data-dir", directory.path)
        let firstID = String(try String(contentsOf: list, encoding: .utf8).prefix(36))
        #expect(printed.status == 0 && printed.output.contains(firstID))
    }

    @Test(
        """
        staff add, list and remove; a bad role or a second add is \
        refused by name; the address is sealed in the database file
        """
    )
    func staff() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let added = try run(
            "staff", "add", "Dace.Ozola@Coral-Club.example", "--role", "dpo", "--name", "Dace Ozola", "--data-dir",
            directory.path)
        #expect(added.status == 0 && added.output.contains("Added dpo dace.ozola@coral-club.example"), "\(added.error)")
        let service = try run(
            "staff", "add", "robot@coral-club.example", "--role", "service", "--data-dir", directory.path)
        #expect(service.status == 1 && service.error.contains("--role: staff are admin, dpo or agent"))
        let again = try run(
            "staff", "add", "dace.ozola@coral-club.example", "--role", "agent", "--data-dir", directory.path)
        #expect(again.status == 1 && again.error.contains("EMAIL already belongs to a staff member"))
        let listed = try run("staff", "list", "--data-dir", directory.path)
        #expect(listed.status == 0 && listed.output.contains("dace.ozola@coral-club.example  dpo  -  Dace Ozola"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasPrefix("sargs.sqlite")
        }
        for file in files {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(
                bytes.range(of: Data("dace.ozola".utf8)) == nil && bytes.range(of: Data("Dace Ozola".utf8)) == nil,
                "\(file)")
        }
        #expect(try run("staff", "remove", "dace.ozola@coral-club.example", "--data-dir", directory.path).status == 0)
        #expect(try run("staff", "list", "--data-dir", directory.path).output.contains("no staff"))
        let back = try run(
            "staff", "add", "dace.ozola@coral-club.example", "--role", "agent", "--data-dir", directory.path)
        #expect(
            back.status == 0 && back.output.contains("Added agent"),
            "a removed member can be added again: \(back.error)")
        let unknown = try run("staff", "remove", "nobody@coral-club.example", "--data-dir", directory.path)
        #expect(unknown.status == 1 && unknown.error.contains("no staff member with this e-mail address"))
    }

    @Test("retention preview reports in text, JSON and CSV, and names a bad --as-of")
    func retentionPreview() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try run("retention", "preview", "--policy", "examples/clubmium.yaml", "--data-dir", directory.path)
        #expect(text.status == 0, "\(text.error)")
        #expect(
            text.output.hasPrefix("retention as of ") && text.output.contains("0 subject(s) checked, 0 action(s) due"))
        let json = try run(
            "retention", "preview", "--format", "json", "--as-of", "2099-12-31", "--policy", "examples/clubmium.yaml",
            "--data-dir", directory.path)
        #expect(json.status == 0, "\(json.error)")
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["as_of"] as? String == "2099-12-31" && object?["subjects_checked"] as? Int == 0)
        let csv = try run(
            "retention", "preview", "--format", "csv", "--policy", "examples/clubmium.yaml", "--data-dir",
            directory.path)
        #expect(csv.status == 0 && csv.output == "subject_id,category,action,kept_until,rule,purpose,law\n")
        let refused = try run(
            "retention", "preview", "--as-of", "2020-01-01", "--policy", "examples/clubmium.yaml", "--data-dir",
            directory.path)
        #expect(refused.status != 0)
        #expect(
            (refused.output + refused.error).contains("as_of")
                && (refused.output + refused.error).contains("today or later"))
    }

    @Test(
        """
        policy publish: refused (exit 1, naming effective_on and the promise) inside \
        change_notice_days, scheduled on time; another file is refused at start
        """
    )
    func publish() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let next = directory.appendingPathComponent("next.yaml")
        let text = try String(contentsOf: Self.root.appendingPathComponent("examples/coral-club.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "version: \"2024-01\"", with: "version: \"2027-01\"")
            .replacingOccurrences(
                of: "categories: [user.name, user.contact.email]\n    channels: [email]",
                with: "categories: [user.name, user.contact.email, user.contact.phone_number]\n    channels: [email]")
        try text.write(to: next, atomically: true, encoding: .utf8)
        let installation = ["--policy", "examples/coral-club.yaml", "--data-dir", directory.path]
        #expect(
            try run(["keys", "list"] + installation).status == 0,
            "the first start records the policy as version 2024-01")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func day(_ offset: Int) -> String {
            let date = calendar.date(byAdding: .day, value: offset, to: Date())!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        let early = try run(["policy", "publish", next.path, "--effective", day(10)] + installation)
        #expect(
            early.status == 1 && early.error.contains("effective_on") && early.error.contains("change_notice_days"),
            "\(early.error)")
        // The edited file may be the --policy file itself: publishing does not first insist it is the version in force.
        let scheduled = try run([
            "policy", "publish", next.path, "--effective", day(31), "--policy", next.path, "--data-dir", directory.path,
        ])
        #expect(scheduled.status == 0, "\(scheduled.error)")
        #expect(
            scheduled.output.contains("Published version 2027-01") && scheduled.output.contains("contests-and-surveys"))
        let other = try run([
            "keys", "list", "--policy", "Tests/SargsCoreTests/Fixtures/base.yaml", "--data-dir", directory.path,
        ])
        #expect(other.status != 0 && other.error.contains("sargs policy publish"), "\(other.error)")
    }
}
