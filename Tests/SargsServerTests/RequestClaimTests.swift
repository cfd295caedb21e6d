import Fluent
import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing
import VaporTesting

/// Two staff actions on one request at once (issue 24: guards checked in the change's own
/// transaction). Each action is decided from the request as read; if another action changed it
/// before this one commits, this one is refused and writes nothing.
@Suite("Request actions decided from a stale read")
struct RequestClaimTests {
    @Test("Art. 12(3): a second extension decided from the same read is refused; the period is extended once")
    func extensionOnce() async throws {
        // Coral Club with the GDPR's extension, which its seed does not offer.
        let extendable = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "  maximum_extension: P0D\n", with: "")
        defer { extendable.remove() }
        try await withSargs(policy: extendable.path) { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            let requestID = try #require(UUID(uuidString: id))
            let stale = try await RequestQueries.find(requestID, on: app.db)
            let first = try await RequestActions.perform(
                app, keys, id, "extend", ["by": "P1M", "reasons": "many requests"], as: keys.dpo)
            let service = RequestService(context: context)
            await #expect(throws: DomainError.self) {
                try await service.extend(stale, by: "P1M", reasons: "again", actor: "test", on: app.db)
            }
            let stored = try await RequestQueries.find(requestID, on: app.db)
            #expect(stored.dueOn.description == first.dueOn, "the period is extended once")
            let extensions = try await AuditEntryModel.query(on: app.db).filter(\.$action == "request.extend").count()
            #expect(extensions == 1)
        }
    }

    @Test(
        """
        Art. 12(4): a rejection decided before the request was completed is refused: no second outcome, entry or message
        """
    )
    func rejectionAfterApproval() async throws {
        try await withSargs { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            let requestID = try #require(UUID(uuidString: id))
            let stale = try await RequestQueries.find(requestID, on: app.db)
            _ = try await RequestActions.perform(app, keys, id, "approve", as: keys.dpo)
            let messages = try await OutboxMessageModel.query(on: app.db).count()
            let service = RequestService(context: context)
            await #expect(throws: DomainError.self) {
                try await service.reject(stale, kind: .manifestlyUnfounded, reason: "stale", actor: "test", on: app.db)
            }
            #expect(try await RequestQueries.find(requestID, on: app.db).status == .completed)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "request.reject").count() == 0)
            #expect(try await OutboxMessageModel.query(on: app.db).count() == messages, "no rejection message queued")
        }
    }
}

/// The same guard for holds and breaches: two staff recording one step at the same moment record
/// it once. Whichever order the two calls run in, exactly one succeeds and one entry is written.
@Suite("Staff steps recorded once")
struct StaffStepOnceTests {
    @Test("Art. 17(3)(e): a legal hold released twice at once is released once, with one audit entry")
    func holdReleasedOnce() async throws {
        try await withSargs { app, _, keys, _ in
            let subject = try await Factory.subject(app, keys)
            let created = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(subject)/holds", headers: keys.dpo, body: json(["reason": "Court case 12/2026"]))
            let hold = try decode(Wire.Created.self, created).id.uuidString
            let path = "v1/subjects/\(subject)/holds/\(hold)/release"
            async let first = app.testing().sendRequest(.POST, path, headers: keys.dpo)
            async let second = app.testing().sendRequest(.POST, path, headers: keys.dpo)
            let statuses = [try await first.status, try await second.status]
            #expect(
                statuses.filter { $0 == .noContent || $0 == .ok }.count == 1 && statuses.contains(.conflict),
                "\(statuses)")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "hold.release").count() == 1)
        }
    }

    @Test("Art. 33(5): a breach closed twice at once is closed once, with one audit entry")
    func breachClosedOnce() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, _, keys, _ in
            let created = try await app.testing().sendRequest(
                .POST, "v1/breaches", headers: keys.dpo,
                body: json(BreachRegisterTests.breach(discoveredHoursAgo: 10, now: clock.now)))
            let breach = try decode(Wire.Breach.self, created).id.uuidString
            let path = "v1/breaches/\(breach)/close"
            let body = try json(["not_notified_reason": "unlikely to result in a risk"])
            async let first = app.testing().sendRequest(.POST, path, headers: keys.dpo, body: body)
            async let second = app.testing().sendRequest(.POST, path, headers: keys.dpo, body: body)
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1 && statuses.contains(.conflict), "\(statuses)")
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "breach.close").count() == 1)
        }
    }

    @Test("Art. 33(5): a step decided from a read taken before the breach was closed is refused, whatever the timing")
    func breachStaleRead() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, _, keys, _ in
            let created = try await app.testing().sendRequest(
                .POST, "v1/breaches", headers: keys.dpo,
                body: json(BreachRegisterTests.breach(discoveredHoursAgo: 10, now: clock.now)))
            let id = try decode(Wire.Breach.self, created).id
            let stale = BreachService.ReadState(try #require(try await BreachModel.find(id, on: app.db)))
            try await BreachService.claim(id, as: stale, on: app.db)
            let closed = try await app.testing().sendRequest(
                .POST, "v1/breaches/\(id.uuidString)/close", headers: keys.dpo,
                body: json(["not_notified_reason": "unlikely to result in a risk"]))
            #expect(closed.status == .ok)
            await #expect(throws: DomainError.self) { try await BreachService.claim(id, as: stale, on: app.db) }
            let fresh = BreachService.ReadState(try #require(try await BreachModel.find(id, on: app.db)))
            try await BreachService.claim(id, as: fresh, on: app.db)
        }
    }
}
