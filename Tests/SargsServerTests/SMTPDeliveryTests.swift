import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// E-mail through a real SMTP server: Python's aiosmtpd, started by the test, storing into a maildir.
@Suite("SMTP delivery", .serialized)
struct SMTPDeliveryTests {
    @Test("With SARGS_SMTP_URL set, request messages go out over SMTP in the requester's language")
    func deliversOverSMTP() async throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        try await withSargs(environment: ["SARGS_SMTP_URL": "smtp://127.0.0.1:\(sink.port)"]) { app, _, keys, _ in
            _ = try await SubjectAPITests.create(app, keys)
            let created = try await RequestAPITests.submit(app, keys, ["type": "access", "email": "anna.berzina@example.lv",
                                                                       "language": "ru", "channel": "web"])
            #expect(created["language"] as? String == "ru")
            let delivered = try #require(try await app.backgroundJobs?.runOnce(on: app.db))
            #expect(delivered == 2)
            let messages = try sink.messages()
            #expect(messages.count == 2)
            let verification = try #require(messages.first { $0.contains("Subject: =?UTF-8?B?\(Data("Ваш код подтверждения".utf8).base64EncodedString())?=") })
            #expect(verification.contains("To: anna.berzina@example.lv"))
            #expect(verification.contains("From: Coral Club"))
        }
    }

    @Test("An unreachable SMTP server is retried with backoff, not lost")
    func retries() async throws {
        try await withSargs(environment: ["SARGS_SMTP_URL": "smtp://127.0.0.1:9"]) { app, _, keys, _ in
            _ = try await SubjectAPITests.create(app, keys)
            _ = try await RequestAPITests.submit(app, keys, ["type": "access", "email": "anna.berzina@example.lv", "language": "lv", "channel": "web"])
            #expect(try await app.backgroundJobs?.runOnce(on: app.db) == 0)
            let pending = try await OutboxMessageModel.query(on: app.db).all()
            #expect(pending.count == 2 && pending.allSatisfy { $0.attempts == 1 && $0.deliveredAt == nil && $0.nextAttemptAt > Date() })
            #expect(pending.allSatisfy { $0.payload != nil && $0.lastError != nil })
        }
    }
}

/// `python3 -m aiosmtpd` writing to a maildir in a temporary directory.
final class SMTPSink: Sendable {
    let port: Int
    let directory: URL
    let process: Process

    private init(port: Int, directory: URL, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    static func start() throws -> SMTPSink {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sargs-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox",
                             directory.appendingPathComponent("maildir").path]
        try process.run()
        // Wait until it accepts connections (at most 10 s).
        for _ in 0..<100 {
            if canConnect(port) { return SMTPSink(port: port, directory: directory, process: process) }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        process.terminate()
        throw SinkError.notStarted("aiosmtpd did not start; install it with `python3 -m pip install aiosmtpd`")
    }

    /// A loopback port that was free a moment ago (the OS picks it; aiosmtpd cannot report one it chose).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw SinkError.notStarted("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    func messages() throws -> [String] {
        let new = directory.appendingPathComponent("maildir/new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: new.path)) ?? []
        return try names.map { try String(contentsOf: new.appendingPathComponent($0), encoding: .utf8) }
    }

    /// Stops the sink: SIGTERM, then SIGKILL if it lingers; never waits unboundedly.
    func stop() {
        process.terminate()
        for _ in 0..<20 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    enum SinkError: Error, CustomStringConvertible {
        case notStarted(String)
        var description: String {
            switch self { case .notStarted(let text): return text }
        }
    }
}

@Suite("Outbox", .serialized)
struct OutboxTests {
    @Test("Two workers draining the outbox at once send every message exactly once")
    func concurrentWorkersDoNotDoubleSend() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await SubjectAPITests.create(app, keys)
            for type in ["access", "erasure", "restriction"] {
                _ = try await RequestAPITests.submit(app, keys, ["type": type, "email": "anna.berzina@example.lv", "language": "lv", "channel": "web"])
            }
            let worker = try #require(app.backgroundJobs?.worker)
            async let first = worker.deliverDue(on: app.db)
            async let second = worker.deliverDue(on: app.db)
            let delivered = try await first + second
            #expect(delivered == 6)  // an acknowledgement and a code per request
            let transport = try #require(worker.mail as? FileMailTransport)
            #expect(try FileManager.default.contentsOfDirectory(atPath: transport.directory).count == 6)
            #expect(try await worker.deliverDue(on: app.db) == 0)
        }
    }
}
