import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Two instances on one database, each caching facts: a write through one is never hidden by the
/// other's cache (issue 22). On PostgreSQL the versioned cache is the default; on SQLite the test
/// turns it on (`SARGS_CACHE_CHECKS_VERSIONS=on`, for a file another process writes to as well).
@Suite("Facts cache shared across instances")
struct SharedDatabaseCacheTests {
    @Test(
        """
        A consent withdrawn, given again, a value changed and an \
        objection made through one instance are seen at once by the other
        """
    )
    func twoInstances() async throws {
        let clock = ManualClock.testing()
        try await withSargs(environment: ["SARGS_CACHE_CHECKS_VERSIONS": "on"], clock: clock) {
            first, firstContext, keys, _ in
            #expect(firstContext.factsCache?.checksVersions == true)
            let configuration = try #require(first.sargsConfiguration)
            let (second, secondContext) = try await ServerBootstrap.makeApplication(
                configuration, environment: .testing,
                logger: Self.quiet, clock: .manual(clock))
            do {
                try await exercise(first, second, secondContext, keys)
                try await second.asyncShutdown()
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
        }
    }

    private func exercise(
        _ first: Application, _ second: Application, _ secondContext: SargsContext, _ keys: TestKeys
    ) async throws {
        do {
            #expect(secondContext.factsCache?.checksVersions == true)

            let subject = try await Factory.subject(first, keys)
            try await Factory.relationship(first, keys, subject: subject)
            try await Factory.consent(first, keys, subject: subject, purpose: "marketing", channel: "email")
            let marketing: [String: any Sendable] = ["subject_id": subject, "purpose": "marketing", "channel": "email"]
            // Both instances decide once, so both hold the subject's facts.
            #expect(try await decide(second, keys, marketing).allowed)
            #expect(try await decide(first, keys, marketing).allowed)
            #expect(secondContext.factsCache?.count == 1)
            let before = try await version(of: subject, on: first.db)

            try await Factory.consent(
                first, keys, subject: subject, purpose: "marketing", state: "withdrawn", channel: "email")
            #expect(
                try await version(of: subject, on: first.db) > before, "the write bumped the version in its transaction"
            )
            #expect(
                try await decide(second, keys, marketing).allowed == false,
                "the other instance's cached consent is not served")
            #expect(try await batch(second, keys, subject).allowed == 0, "nor in a batch")

            try await Factory.consent(second, keys, subject: subject, purpose: "marketing", channel: "email")
            #expect(try await decide(first, keys, marketing).allowed, "and the other way round")

            // Sealed values: the other instance's kept values are not served after a change.
            #expect(try await read(second, keys, subject, purpose: "services").data["user.name"] == "Anna Bērziņa")
            let patch = try await first.testing().sendRequest(
                .PATCH, "v1/subjects/\(subject)", headers: keys.admin,
                body: json(["data": ["user.name": "Anna Kalniņa"], "purpose": "services"]))
            #expect(patch.status == .noContent, "\(patch.body.string)")
            #expect(try await read(second, keys, subject, purpose: "services").data["user.name"] == "Anna Kalniņa")

            let objection = try await second.testing().sendRequest(
                .POST, "v1/subjects/\(subject)/objections", headers: keys.agent,
                body: json(["purpose": "marketing"]))
            #expect(objection.status == .created, "\(objection.body.string)")
            #expect(
                try await decide(first, keys, marketing).allowed == false,
                "an objection through the other instance holds at once")
        }
    }

    @Test(
        "A write that changes facts bumps the subject's version: consent, relationship, objection, restriction, values")
    func everyWriteBumps() async throws {
        try await withSargs { app, _, keys, _ in
            let subject = try await Factory.subject(app, keys)
            var last = try await version(of: subject, on: app.db)
            func expectBumped(_ what: Comment) async throws {
                let now = try await version(of: subject, on: app.db)
                #expect(now > last, what)
                last = now
            }
            try await Factory.relationship(app, keys, subject: subject)
            try await expectBumped("relationship")
            try await Factory.consent(app, keys, subject: subject, purpose: "marketing")
            try await expectBumped("consent")
            let objection = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(subject)/objections", headers: keys.agent,
                body: json(["purpose": "marketing"]))
            #expect(objection.status == .created)
            try await expectBumped("objection")
            let restriction = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(subject)/restrictions", headers: keys.agent,
                body: json(["purpose": "services", "reason": "accuracy contested"]))
            #expect(restriction.status == .created, "\(restriction.body.string)")
            try await expectBumped("restriction")
            let patch = try await app.testing().sendRequest(
                .PATCH, "v1/subjects/\(subject)", headers: keys.admin,
                body: json(["data": ["user.name": "Anna Kalniņa"], "purpose": "services"]))
            #expect(patch.status == .noContent)
            try await expectBumped("values")
        }
    }

    @Test("The versioned cache serves an entry only at the version it was stored at, and never without asking")
    func versionedEntries() {
        let cache = DecisionFactsCache(checksVersions: true)
        let subject = UUID()
        cache.store(SubjectState(), for: subject, version: 3, readSince: cache.epoch)
        #expect(cache.state(of: subject) == nil, "no answer from memory alone")
        #expect(cache.state(of: subject, atVersion: 3) == SubjectState())
        #expect(cache.state(of: subject, atVersion: 4) == nil, "another instance changed the subject")
        let sealed = SealedSubject(wrappedKey: Data([1]), values: [:])
        cache.store(sealed, for: subject, version: 3, readSince: cache.epoch)
        #expect(cache.sealed(of: subject, atVersion: nil) == nil)
        #expect(cache.sealed(of: subject, atVersion: 4) == nil)
        #expect(cache.sealed(of: subject, atVersion: 3) == sealed)
    }

    @Test("A memory budget bounds both caches")
    func budget() {
        let small = DecisionFactsCache(mebibytes: 16, checksVersions: false)
        for _ in 0..<40_000 { small.store(SubjectState(), for: UUID(), readSince: small.epoch) }
        #expect(small.count <= 16 * 1_048_576 / 2 / DecisionFactsCache.factsEntryBytes)
        #expect(small.count > 1_000)
    }

    private static let quiet: Logger = {
        var logger = Logger(label: "sargs-second-instance")
        logger.logLevel = .error
        return logger
    }()

    private func version(of subject: String, on database: any Database) async throws -> Int {
        let id = try #require(UUID(uuidString: subject))
        return try #require(try await FactsVersions.current(of: [id], on: database)[id])
    }

    private func batch(_ app: Application, _ keys: TestKeys, _ subject: String) async throws -> Wire.BatchDecision {
        let response = try await app.testing().sendRequest(
            .POST, "v1/decisions/batch", headers: keys.admin,
            body: json(["purpose": "marketing", "channel": "email", "subject_ids": [subject]]))
        #expect(response.status == .ok, "\(response.body.string)")
        return try decode(Wire.BatchDecision.self, response)
    }

    private func read(
        _ app: Application, _ keys: TestKeys, _ subject: String, purpose: String
    ) async throws -> Wire.SubjectRead {
        let response = try await app.testing().sendRequest(
            .GET, "v1/subjects/\(subject)?purpose=\(purpose)", headers: keys.admin)
        #expect(response.status == .ok, "\(response.body.string)")
        return try decode(Wire.SubjectRead.self, response)
    }
}
