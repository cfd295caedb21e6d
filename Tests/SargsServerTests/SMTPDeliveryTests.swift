import Fluent
import Foundation
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// E-mail through a real SMTP server: Python's aiosmtpd, started by the test, storing into a maildir.
@Suite("SMTP delivery")
struct SMTPDeliveryTests {
    @Test("With SARGS_SMTP_URL set, request messages go out over SMTP in the requester's language")
    func deliversOverSMTP() async throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        try await withSargs(environment: ["SARGS_SMTP_URL": "smtp://127.0.0.1:\(sink.port)"]) { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            let created = try await Factory.request(
                app, keys,
                [
                    "type": "access", "email": "anna.berzina@example.lv",
                    "language": "ru", "channel": "web",
                ])
            #expect(created.language == "ru")
            #expect(try await BackgroundRuns.runOnce(app) == 2)
            let messages = try sink.messages()
            #expect(messages.count == 2)
            let verification = try #require(
                messages.first {
                    $0.contains(
                        """
                        Subject: =?UTF-8?B?\
                        \(Data("Ваш код подтверждения".utf8).base64EncodedString())?=
                        """)
                })
            #expect(verification.contains("To: anna.berzina@example.lv"))
            #expect(verification.contains("From: Coral Club"))
        }
    }

    @Test("An unreachable SMTP server is retried with backoff, not lost")
    func retries() async throws {
        try await withSargs(environment: ["SARGS_SMTP_URL": "smtp://127.0.0.1:9"]) { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            _ = try await Factory.request(
                app, keys, ["type": "access", "email": "anna.berzina@example.lv", "language": "lv", "channel": "web"])
            #expect(try await BackgroundRuns.runOnce(app) == 0)
            let pending = try await OutboxMessageModel.query(on: app.db).all()
            #expect(
                pending.count == 2
                    && pending.allSatisfy {
                        $0.attempts == 1 && $0.deliveredAt == nil && $0.nextAttemptAt > context.clock.now
                    },
                """
                the next attempt lies ahead on the server's clock (not \
                the wall clock: a slow machine must not make it look due)
                """
            )
            #expect(pending.allSatisfy { $0.payload != nil && $0.lastError != nil })
        }
    }
}

@Suite("Outbox")
struct OutboxTests {
    @Test("Two workers draining the outbox at once send every message exactly once")
    func concurrentWorkersDoNotDoubleSend() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            for type in ["access", "erasure", "restriction"] {
                _ = try await Factory.request(
                    app, keys, ["type": type, "email": "anna.berzina@example.lv", "language": "lv", "channel": "web"])
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
