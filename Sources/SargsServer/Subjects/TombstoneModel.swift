import Fluent
import Foundation

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
