import Fluent
import Foundation
import SargsKit

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
    /// Once retention archived the value: the purposes that may still read it, comma-separated; nil while live.
    @OptionalField(key: "archived_for") var archivedFor: String?

    init() {}

    init(subject: UUID, category: String, ciphertext: Data, source: String, purpose: String, at time: Date) {
        self.id = UUID()
        self.subjectID = subject
        self.category = category
        self.ciphertext = ciphertext
        self.source = source
        self.collectedFor = purpose
        self.collectedAt = time
        self.updatedAt = time
    }

    /// The purposes that may still read an archived value; nil while the value is live.
    var archivedPurposes: [String]? {
        archivedFor.map(Self.archivedPurposes(in:))
    }

    /// The purposes an `archived_for` column names.
    static func archivedPurposes(in column: String) -> [String] {
        column.split(separator: ",").map(String.init)
    }

    /// The column's form of an archive's readers.
    static func archiveColumn(_ purposes: [String]) -> String { purposes.joined(separator: ",") }
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields).
extension DataItemModel: BulkInsertable {
    static let bulkColumns = [
        "id", "subject_id", "category", "ciphertext", "source", "collected_for", "collected_at", "updated_at",
        "archived_for",
    ]
    var bulkValues: [any Encodable & Sendable] {
        [id, subjectID, category, ciphertext, source, collectedFor, collectedAt, updatedAt, archivedFor]
    }
}
