import Foundation
import Testing

/// The first ten minutes (issue 23): the version, clear start-up errors, one writer per SQLite data
/// directory, and the newest e-mail read without a base64 pipeline.
@Suite("sargs: the first ten minutes")
struct FirstMinutesCLITests {
    let cli = CLITests()

    @Test("--version prints the version")
    func version() throws {
        let result = try cli.run("--version")
        #expect(result.status == 0)
        #expect(result.output.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(result.output)")
    }

    @Test("A missing policy names --policy and SARGS_POLICY, and outside the checkout says where the default is found")
    func missingPolicy() throws {
        let named = try cli.run(
            "serve", "--policy", "nowhere.yaml", "--data-dir", NSTemporaryDirectory() + "sargs-\(UUID())")
        #expect(named.status == 1)
        #expect(
            named.error.contains("nowhere.yaml") && named.error.contains("--policy")
                && named.error.contains("SARGS_POLICY"), "\(named.error)")
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-elsewhere-\(UUID())")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let outside = try cli.run(
            ["serve", "--data-dir", elsewhere.appendingPathComponent("data").path], in: elsewhere)
        #expect(outside.status == 1)
        #expect(
            outside.error.contains("examples/coral-club.yaml") && outside.error.contains("checkout"), "\(outside.error)"
        )
    }

    @Test("An unreachable PostgreSQL is named by host and port with its cause, never the password or a generic text")
    func unreachablePostgres() throws {
        let result = try cli.run(
            ["migrate", "--data-dir", NSTemporaryDirectory() + "sargs-\(UUID())"],
            environment: [
                "DATABASE_URL": "postgres://sargs:hunter2secret@127.0.0.1:9/sargs", "SARGS_MASTER_KEY": Self.masterKey,
            ])
        #expect(result.status == 1)
        #expect(result.error.contains("127.0.0.1:9"), "\(result.error)")
        #expect(
            !result.error.contains("hunter2secret") && !result.error.contains("Generic description"), "\(result.error)")
    }

    @Test(
        """
        serve announces the pages once the port is bound; a second serve or a \
        retention run on its data directory is refused by name; a taken port says so
        """
    )
    func oneWriterPerDataDirectory() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-lock-\(UUID())")
        defer { try? FileManager.default.removeItem(at: data) }
        // below the ephemeral range (32768-), which other tests' connections use
        let port = Int.random(in: 10_000...30_000)
        let server = try ServerProcess(cli: cli, arguments: ["serve", "--data-dir", data.path, "--port", "\(port)"])
        defer { server.stop() }
        let banner = try await server.waitForOutput(containing: "Sargs is listening")
        for path in ["/privacy", "/console", "/notice", "/openapi.yaml"] {
            #expect(banner.contains("http://127.0.0.1:\(port)\(path)"), "\(banner)")
        }

        let second = try cli.run("serve", "--data-dir", data.path, "--port", "\(port + 1)")
        #expect(second.status == 1)
        #expect(second.error.contains("is in use by pid") && second.error.contains("sargs serve"), "\(second.error)")
        let retention = try cli.run("retention", "run", "--yes", "--data-dir", data.path)
        #expect(retention.status == 1)
        #expect(retention.error.contains("is in use by pid"), "\(retention.error)")

        let other = data.appendingPathComponent("other")
        let taken = try cli.run("serve", "--data-dir", other.path, "--port", "\(port)")
        #expect(taken.status == 1)
        #expect(
            taken.error.contains("port \(port)") && taken.error.contains("in use") && taken.error.contains("--port"),
            "\(taken.error)")
        #expect(!taken.output.contains("Sargs is listening"), "no banner for a server that did not start")

        server.stop()
        let after = try cli.run("retention", "run", "--yes", "--data-dir", data.path)
        #expect(after.status == 0, "the lock goes with the process: \(after.error)")
    }

    @Test(
        """
        Art. 5(1)(e): the first retention run over data asks for \
        confirmation only when something is due (no --yes, no terminal)
        """
    )
    func firstRunNothingDue() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-first-run-\(UUID())")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }
        let file = data.appendingPathComponent("one.jsonl")
        try Data(
            #"""
            {"country":"LV","language":"lv","source":"web","collected_for":"services",\#
            "collected_at":"2025-12-01T00:00:00Z","data":{"user.name":"Anna"},\#
            "relationships":[{"kind":"customer","start":"2026-01-01T00:00:00Z"}]}
            """#
            .utf8 + [10]
        )
        .write(to: file)
        let imported = try cli.run("subjects", "import", file.path, "--data-dir", data.appendingPathComponent("d").path)
        #expect(imported.status == 0, "\(imported.error) \(imported.output)")
        let run = try cli.run("retention", "run", "--data-dir", data.appendingPathComponent("d").path)
        #expect(run.status == 0 && !run.error.contains("--yes"), "nothing is due, so nobody is asked: \(run.error)")
    }

    @Test("mail last prints the newest message decoded, or the newest to one address; none is a clear error")
    func mailLast() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-mail-\(UUID())")
        let mail = data.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }
        let none = try cli.run("mail", "last", "--data-dir", data.path)
        #expect(none.status == 1 && none.error.contains("no message"), "\(none.error)")
        func write(_ name: String, to: String, subject: String, encoding: String, body: String) throws {
            let text = [
                "From: Shop <privacy@example.lv>", "To: \(to)",
                "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
                "Date: Sat, 05 Dec 2026 10:00:00 +0000", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: \(encoding)", "", body, "",
            ].joined(separator: "\r\n")
            try Data(text.utf8).write(to: mail.appendingPathComponent(name))
        }
        try write(
            "1764928800000-a.eml", to: "anna@example.lv", subject: "Kods", encoding: "quoted-printable",
            body: "J=C5=ABsu kods: 123456")
        try write(
            "1764928900000-b.eml", to: "janis@example.lv", subject: "Pieprasījums saņemts", encoding: "8bit",
            body: "Labdien, Jāni!")
        let newest = try cli.run("mail", "last", "--data-dir", data.path)
        #expect(newest.status == 0)
        #expect(
            newest.output.contains("Subject: Pieprasījums saņemts") && newest.output.contains("Labdien, Jāni!"),
            "\(newest.output)")
        let anna = try cli.run("mail", "last", "--to", "anna@example.lv", "--data-dir", data.path)
        #expect(anna.output.contains("Jūsu kods: 123456") && anna.output.contains("Subject: Kods"), "\(anna.output)")
    }

    static let masterKey = Data(repeating: 7, count: 32).base64EncodedString()
}

/// `sargs serve` running in the background, its standard output collected.
final class ServerProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let collected = NSLock()
    private var text = ""

    init(cli: CLITests, arguments: [String]) throws {
        process.executableURL = CLITests.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.root
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.collected.withLock { self.text += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// The output so far once it contains `marker` (within 60 seconds).
    func waitForOutput(containing marker: String) async throws -> String {
        for _ in 0..<600 {
            let current = collected.withLock { text }
            if current.contains(marker) { return current }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerDidNotStart(output: collected.withLock { text })
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    struct ServerDidNotStart: Error { let output: String }
}
