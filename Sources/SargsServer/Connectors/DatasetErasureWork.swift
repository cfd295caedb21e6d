import Fluent
import Foundation
import SargsCore
import SargsKit

/// An erasure the company's datasets must follow (`DatasetErasureQueue`; issue 25), written in
/// the same transaction as the vault's: a group of subjects losing the same categories (to
/// retention or a bulk erasure), with their identities sealed (read before the vault destroyed
/// them). Carried out once that transaction commits, and again later if it stopped first; the row
/// goes when every dataset confirmed.
final class DatasetErasureWorkModel: Model, @unchecked Sendable {
    static let schema = "dataset_erasure_work"

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
    /// `erase` (the categories are emptied) or `unmark` (a lifted restriction: the datasets'
    /// restriction columns set back to false).
    @Field(key: "action") var action: String
    /// Not carried out before this moment (a restriction's lift takes effect later).
    @OptionalField(key: "not_before") var notBefore: Date?
    /// Held by a runner until then, or, after a failure, not tried again before then (backoff).
    @OptionalField(key: "retry_at") var retryAt: Date?

    init() {}

    /// A new group of `action` (`erase` or `unmark`), its identities sealed under the service key.
    init(
        action: String, categories: [String], subjects: Int, identities: [String: [String]], notBefore: Date? = nil,
        master: MasterKey, at now: Date
    ) throws {
        let id = UUID()
        self.id = id
        self.action = action
        self.categories = categories.joined(separator: ",")
        self.subjects = subjects
        self.identities = try Vault.sealService(
            try JSONEncoder().encode(identities), context: Self.context(id), with: master)
        self.done = ""
        self.attempts = 0
        self.createdAt = now
        self.notBefore = notBefore
    }

    var categorySet: Set<String> { Set(categories.split(separator: ",").map(String.init)) }
    var doneSet: Set<String> { Set(done.split(separator: ",").map(String.init)) }

    static func context(_ id: UUID) -> String { "dataset-erasure|\(id.wire)" }
}

/// Migration: erasures queued for the company's datasets.
struct CreateDatasetErasureWork: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DatasetErasureWorkModel.schema)
            .id()
            .field("categories", .string, .required)
            .field("subjects", .int, .required)
            .field("identities", .data, .required)
            .field("done", .string, .required)
            .field("attempts", .int, .required)
            .field("failure", .string)
            .field("created_at", .datetime, .required)
            .field("action", .string, .required)
            .field("not_before", .datetime)
            .field("retry_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DatasetErasureWorkModel.schema).delete()
    }
}
