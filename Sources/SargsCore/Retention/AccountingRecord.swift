import Foundation

/// When a subject's last accounting record was made, which an `end_of_financial_year` period
/// counts from.
///
/// Accounting laws count the keeping of source documents from the end of the financial year in
/// which the record was made — Estonia's Accounting Act § 12(1) in those words (confidence Hq),
/// Latvia's Accounting Law Sec. 28 and Lithuania's Law on Financial Accounting by the same
/// conservative reading (L; `legal-facts-2026-12-05.md` §2). For a customer that is the year of the
/// last transaction, or of the end of the relationship, whichever is later: a member since 2015
/// whose membership ended in 2025 has 2025 invoices, kept to the end of 2030 under a five-year rule,
/// not to the end of 2020.
public enum AccountingRecord {
    /// The day the subject's last accounting record was made: the latest of the last recorded
    /// transaction, the end of the last relationship and the collection. Nil while a relationship
    /// is in force — records are still being made, so the period has not begun.
    public static func lastRecordDay(
        collected: CivilDate, relationships: [Relationship], lastTransaction: Date?,
        now: Date
    ) -> CivilDate? {
        let started = relationships.filter { $0.start <= now }
        if started.contains(where: { $0.end.map { $0 > now } ?? true }) { return nil }
        let days =
            [collected] + started.compactMap(\.end).map(DecisionEngine.civilDate)
            + [lastTransaction].compactMap { $0 }.filter { $0 <= now }.map(DecisionEngine.civilDate)
        return days.max()
    }
}
