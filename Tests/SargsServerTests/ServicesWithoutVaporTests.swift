import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing

/// Services built from the parts their `init` names (issue 24), with fakes, and no Vapor
/// application, database or HTTP: the rules, a manual clock, an in-memory facts cache.
@Suite("Services without Vapor")
struct ServicesWithoutVaporTests {
    static let marketingKey = Principal(keyID: "k1", role: .service, purposes: ["email-marketing"])
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func parts(_ example: String) throws -> (RuleSource, ServerClock, ServerKeys, WriteStore) {
        let path = TestEnvironment.path(example)
        let outcome = PolicyChecker.check(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
        let policy = try #require(outcome.policy, "\(outcome.diagnostics.map(\.formatted))")
        let clock = ServerClock.manual(ManualClock(t0))
        let keys = ServerKeys(master: MasterKey.generate(), dataKeys: DataKeyCache())
        let store = WriteStore(
            audit: AuditLog(key: AuditChainKey(master: keys.master)), factsCache: DecisionFactsCache(),
            dataKeys: keys.dataKeys)
        return (RuleSource(schedule: PolicySchedule(try PolicyRules(policy: policy)), clock: clock), clock, keys, store)
    }

    @Test("Art. 6(1)(a), 7(3): a decision from cached facts needs no database: given, then withdrawn")
    func decisionFromTheCache() throws {
        let (rules, clock, keys, store) = try Self.parts("examples/web-shop-lv.yaml")
        let service = DecisionService(keys: keys, store: store, ruleSource: rules, serverClock: clock)
        let anna = UUID()
        let given = ConsentEvent(purpose: "email-marketing", state: .given, at: Self.t0.addingTimeInterval(-60))
        store.factsCache?.store(SubjectState(consents: [given]), for: anna, readSince: 0)
        let question = DecisionQuestion(
            subject: .id(anna), purpose: "email-marketing", channel: .email, categories: nil)
        let allowed = try #require(try service.cachedDecision(question, by: Self.marketingKey))
        #expect(allowed.decision.allowed && allowed.decision.legalBasis == .consent)

        let withdrawn = ConsentEvent(purpose: "email-marketing", state: .withdrawn, at: Self.t0.addingTimeInterval(-1))
        // The withdrawal's write drops the cached facts; facts read after it are cached again.
        store.factsCache?.invalidate(anna)
        let epoch = try #require(store.factsCache?.epoch)
        store.factsCache?.store(SubjectState(consents: [given, withdrawn]), for: anna, readSince: epoch)
        let denied = try #require(try service.cachedDecision(question, by: Self.marketingKey))
        #expect(!denied.decision.allowed)
        // A subject whose facts are not cached needs the database: the hot path says so with nil.
        let unknown = DecisionQuestion(subject: .id(UUID()), purpose: "email-marketing", channel: nil, categories: nil)
        #expect(try service.cachedDecision(unknown, by: Self.marketingKey) == nil)
        // A key for another purpose is refused before any fact is read.
        let other = Principal(keyID: "k2", role: .service, purposes: ["orders"])
        #expect(throws: DomainError.self) { try service.cachedDecision(question, by: other) }
    }

    @Test("Art. 8 and the policy's minimum age: values are checked by the rules in force at the clock's day")
    func minimumAgeByTheClock() throws {
        let (rules, clock, keys, store) = try Self.parts("examples/coral-club.yaml")
        let service = SubjectService(keys: keys, store: store, ruleSource: rules, serverClock: clock)
        // Coral Club: 18 at the least. 2008-01-01 turns 18 on 2026-01-01, the clock's day.
        let adult = try service.validatedValues(
            ["user.demographic.date_of_birth": "2008-01-01"], purpose: nil, field: "data")
        #expect(adult["user.demographic.date_of_birth"] == "2008-01-01")
        #expect(throws: DomainError.self) {
            try service.validatedValues(["user.demographic.date_of_birth": "2008-01-02"], purpose: nil, field: "data")
        }
    }
}
