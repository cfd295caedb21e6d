import Foundation
import Testing
@testable import SargsCore

/// Accounting retention counts from the financial year of the last accounting record, not of the
/// first collection (issue 21 item 1): LV Accounting Law Sec. 28 (5 years, Coral Club), EE
/// Accounting Act § 12(1) (7 years "from the end of the financial year in which the transaction
/// was entered", Coral Travel Estonia).
@Suite("Accounting periods from the last record")
struct AccountingPeriodTests {
    func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }
    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// A member since 2015 whose membership ended in 2025.
    var member: [Relationship] {
        [Relationship(kind: "member", start: instant("2015-03-01T10:00:00Z"), end: instant("2025-06-30T10:00:00Z"))]
    }

    @Test(
        """
        LV Accounting Law Sec. 28, GDPR Art. 17(3)(b): a member since 2015 \
        who left in 2025 keeps the 2025 invoices to 31 December 2030
        """
    )
    func erasureCountsFromLastRecord() throws {
        let planner = ErasurePlanner(policy: try TestFiles.validPolicy("examples/coral-club.yaml"))
        let items = [ErasurePlanner.StoredItem(category: "user.name", collectedAt: instant("2015-03-01T10:00:00Z"))]
        // In 2028 the name is still kept: the period runs from the end of 2025, not of 2015.
        let plan = planner.plan(items: items, relationships: member, holds: [], at: instant("2028-05-01T10:00:00Z"))
        let kept = try #require(plan.keep.first { $0.category == "user.name" })
        #expect(kept.grounds.contains { $0.until == date("2030-12-31") })
        // A later recorded transaction (a refund in 2026) moves it to the end of 2031.
        let refunded = planner.plan(
            items: items, relationships: member, holds: [], lastTransaction: instant("2026-02-10T10:00:00Z"),
            at: instant("2028-05-01T10:00:00Z"))
        #expect(
            try #require(refunded.keep.first { $0.category == "user.name" }).grounds.contains {
                $0.until == date("2031-12-31")
            })
        // While the membership is in force, records are still being made: kept with no end yet.
        let active = [Relationship(kind: "member", start: instant("2015-03-01T10:00:00Z"))]
        let open = planner.plan(items: items, relationships: active, holds: [], at: instant("2028-05-01T10:00:00Z"))
        #expect(try #require(open.keep.first { $0.category == "user.name" }).grounds.contains { $0.until == nil })
    }

    @Test(
        """
        EE Accounting Act § 12(1): retention counts seven years from the \
        end of the financial year of the last transaction, across the boundary
        """
    )
    func retentionCountsFromLastRecord() throws {
        let policy = try TestFiles.validPolicy("examples/coral-travel/estonia.yaml")
        let planner = RetentionPlanner(policy: policy)
        let collected = instant("2016-05-01T10:00:00Z")
        let purpose = try #require(policy.purposes.first { $0.retention == "accounting-records" })
        let category = try #require(purpose.categories.first)
        let facts = RetentionFacts(
            items: [.init(category: category, collectedAt: collected, collectedFor: purpose.id)],
            lastTransaction: instant("2024-11-20T10:00:00Z"))
        // 2024 + 7 years: kept through 31 December 2031, due from 1 January 2032.
        let lastDay = planner.lastDay(
            under: try #require(policy.retentionRule("accounting-records")), purpose: purpose,
            collected: DecisionEngine.civilDate(collected), facts: facts, now: instant("2031-12-31T12:00:00Z"))
        #expect(lastDay == date("2031-12-31"))
        // Counted from collection (the old reading) it would have ended on 31 December 2023.
        let fromCollection = RetentionFacts(items: facts.items)
        #expect(
            planner.lastDay(
                under: try #require(policy.retentionRule("accounting-records")), purpose: purpose,
                collected: DecisionEngine.civilDate(collected), facts: fromCollection,
                now: instant("2024-01-01T12:00:00Z"))
                == date("2023-12-31"))
    }

    @Test(
        """
        The last record is the latest of the transaction, the relationship's \
        end and the collection; none while a relationship is in force
        """
    )
    func lastRecordDay() {
        let now = instant("2028-01-01T00:00:00Z")
        #expect(
            AccountingRecord.lastRecordDay(
                collected: date("2015-03-01"), relationships: member, lastTransaction: nil, now: now)
                == date("2025-06-30"))
        #expect(
            AccountingRecord.lastRecordDay(
                collected: date("2015-03-01"), relationships: [], lastTransaction: instant("2019-04-04T00:00:00Z"),
                now: now) == date("2019-04-04"))
        #expect(
            AccountingRecord.lastRecordDay(
                collected: date("2015-03-01"), relationships: [], lastTransaction: nil, now: now) == date("2015-03-01"))
        #expect(
            AccountingRecord.lastRecordDay(
                collected: date("2015-03-01"),
                relationships: [Relationship(kind: "m", start: instant("2015-03-01T00:00:00Z"))],
                lastTransaction: nil, now: now) == nil)
    }
}
