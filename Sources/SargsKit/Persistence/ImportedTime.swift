import Foundation
import SargsCore

/// The time a fact took place, for imports that bring facts with their original dates: never in
/// the future, never before the subject's data was collected. Without a time the fact happens now.
public struct FactTime: Sendable {
    /// When the fact took place.
    public let moment: Date
    /// Whether it came with its own (earlier) time: the audit entry then says `imported`.
    public let imported: Bool

    public init(_ given: Date?, field: String, now: Date, collectedAt: Date? = nil) throws {
        guard let given else {
            (moment, imported) = (now, false)
            return
        }
        guard given <= now else { throw DomainError.invalid(field, "must not be in the future") }
        if let collectedAt, given < collectedAt {
            // The collection time is a fact about the person: the detail does not repeat it.
            throw DomainError.invalid(field, "must not be before the subject's data was collected")
        }
        (moment, imported) = (given, true)
    }

    /// The audit result for a fact recorded at this time.
    public func result(_ base: String = "ok") -> String { imported ? "\(base):imported" : base }
}
