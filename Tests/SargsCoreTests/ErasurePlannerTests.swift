import Foundation
import Testing
@testable import SargsCore

/// Erasure and its exceptions (GDPR Art. 17).
@Suite("Erasure planner")
struct ErasurePlannerTests {
    let planner: ErasurePlanner
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    init() throws {
        planner = ErasurePlanner(policy: try TestFiles.validPolicy("Tests/SargsCoreTests/Fixtures/decisions.yaml"))
    }

    func at(_ days: Double) -> Date { t0.addingTimeInterval(days * 86_400) }
    func item(_ category: String) -> ErasurePlanner.StoredItem { .init(category: category, collectedAt: t0) }

    @Test("Art. 17(1): with no exception every category is erased, so the data key can be destroyed")
    func everythingErased() {
        let plan = planner.plan(
            items: [item("user.contact.email"), item("user.contact.phone_number")], relationships: [], holds: [],
            at: at(10))
        #expect(plan.erase == ["user.contact.email", "user.contact.phone_number"])
        #expect(plan.erasesEverything)
    }

    @Test("Art. 17(3)(b): accounting records are kept until the legal period ends, then erased")
    func legalObligationKeeps() throws {
        let ended = Relationship(kind: "order", start: t0, end: at(1))
        let plan = planner.plan(
            items: [item("user.name"), item("user.contact.email")], relationships: [ended], holds: [], at: at(10))
        #expect(plan.erase == ["user.contact.email"])
        let kept = try #require(plan.keep.first)
        #expect(kept.category == "user.name")
        // Accounting: 5 years from collection (2026-01-01 → 2031-01-01); claims: 3 years after the
        // relationship ended (2026-01-02 → 2029-01-02). The later one governs.
        #expect(kept.until == CivilDate(iso: "2031-01-01"))
        #expect(Set(kept.grounds.map(\.kind)) == [.legalObligation, .legalClaims])
        #expect(kept.grounds.first { $0.kind == .legalObligation }?.law?.text(in: "en") == "Accounting Law")
        // After both periods the same data is erased: re-running is harmless and converges.
        let later = planner.plan(items: [item("user.name")], relationships: [ended], holds: [], at: at(365 * 5 + 10))
        #expect(later.erase == ["user.name"] && later.erasesEverything)
    }

    @Test("Art. 17(3)(e): legal claims keep data while claims may arise (limitation period after the contract)")
    func legalClaims() throws {
        let ended = Relationship(kind: "order", start: t0, end: at(1))
        let plan = planner.plan(
            items: [item("user.behavior.purchase_history")], relationships: [ended], holds: [], at: at(10))
        let kept = try #require(plan.keep.first)
        #expect(kept.grounds.map(\.kind) == [.legalClaims] && kept.until == CivilDate(iso: "2029-01-02"))
        // No contract ever: no claims can arise from one, so nothing is kept.
        #expect(
            planner.plan(items: [item("user.behavior.purchase_history")], relationships: [], holds: [], at: at(10))
                .erasesEverything)
    }

    @Test("Art. 17(1)(a): data needed for a contract in force is kept while it lasts (no fixed end)")
    func contractInForce() throws {
        let open = Relationship(kind: "membership", start: t0)
        let plan = planner.plan(items: [item("user.contact.email")], relationships: [open], holds: [], at: at(10))
        let kept = try #require(plan.keep.first)
        #expect(kept.grounds.map(\.kind) == [.contractInForce] && kept.until == nil)
    }

    @Test("Art. 17(3)(e): a legal hold keeps the categories it names until it ends")
    func legalHold() throws {
        let hold = LegalHold(
            reason: "Court case 2026/17", categories: ["user.contact"], until: CivilDate(iso: "2026-06-30"))
        let plan = planner.plan(items: [item("user.contact.email")], relationships: [], holds: [hold], at: at(10))
        #expect(plan.keep.first?.grounds.first?.reason == "Court case 2026/17")
        #expect(plan.keep.first?.until == CivilDate(iso: "2026-06-30"))
        #expect(
            planner.plan(items: [item("user.contact.email")], relationships: [], holds: [hold], at: at(200))
                .erasesEverything)
    }
}
