import Fluent
import Foundation

/// One personal-data value, sealed with AES-256-GCM under the subject's data key.
final class DataItemModel: Model, @unchecked Sendable {
    static let schema = "data_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "category") var category: String
    @Field(key: "ciphertext") var ciphertext: Data
    @Field(key: "source") var source: String
    @Field(key: "collected_for") var collectedFor: String
    @Field(key: "collected_at") var collectedAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(subject: UUID, category: String, ciphertext: Data, source: String, purpose: String, at time: Date) {
        self.subjectID = subject
        self.category = category
        self.ciphertext = ciphertext
        self.source = source
        self.collectedFor = purpose
        self.collectedAt = time
        self.updatedAt = time
    }
}
