import Fluent
import Foundation
import SargsCore
import SargsKit

/// Retention's part in the company's datasets (issue 25), written in the same transaction as the
/// vault's chunk: a group of subjects whose same categories no purpose justifies any more, with
/// their identities sealed (read before the vault destroyed them). Carried out once the chunk
/// commits, and by the next run if this one stopped first; the row goes when every dataset
/// confirmed.
final class RetentionDatasetWorkModel: Model, @unchecked Sendable {
    static let schema = "retention_dataset_work"

    @ID(key: .id) var id: UUID?
    /// The categories to empty, comma-separated.
    @Field(key: "categories") var categories: String
    /// How many subjects the group holds (for the run's summary; never who).
    @Field(key: "subjects") var subjects: Int
    /// Identity name → values of every subject of the group, sealed under the service key.
    @Field(key: "identities") var identities: Data
    /// Datasets already done (comma-separated), so a retry does only the rest.
    @Field(key: "done") var done: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "failure") var failure: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var categorySet: Set<String> { Set(categories.split(separator: ",").map(String.init)) }
    var doneSet: Set<String> { Set(done.split(separator: ",").map(String.init)) }

    static func context(_ id: UUID) -> String { "retention-dataset|\(id.wire)" }
}

/// Migration: retention's work in the company's datasets.
struct CreateRetentionDatasetWork: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RetentionDatasetWorkModel.schema)
            .id()
            .field("categories", .string, .required)
            .field("subjects", .int, .required)
            .field("identities", .data, .required)
            .field("done", .string, .required)
            .field("attempts", .int, .required)
            .field("failure", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RetentionDatasetWorkModel.schema).delete()
    }
}
