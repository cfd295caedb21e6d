import Fluent
import Foundation
import SargsKit

/// An erased subject, by id only: replayed after a restore so erased people stay erased.
final class TombstoneModel: Model, @unchecked Sendable {
    static let schema = "tombstones"

    @ID(custom: "subject_id", generatedBy: .user) var id: UUID?
    @Field(key: "erased_at") var erasedAt: Date

    init() {}

    init(subject: UUID, erasedAt: Date) {
        self.id = subject
        self.erasedAt = erasedAt
    }
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields):
/// a retention run or bulk erasure writes a tombstone per shredded subject.
extension TombstoneModel: BulkInsertable {
    static let bulkColumns = ["subject_id", "erased_at"]
    var bulkValues: [any Encodable & Sendable] { [id, erasedAt] }
}
