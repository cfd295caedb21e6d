import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// An erasure Sargs decided on its own (a retention run, the CLI's bulk erasure) sent to one
/// processor over OpenDSR for one person (issue 25): recorded in the deciding transaction, before
/// the vault's values go, then sent, tracked through the processor's signed callbacks (or asked
/// for), and retried with backoff like a request's system. Holds no value in clear: the person's
/// identities are sealed under the service key and forgotten once the processor is done.
final class ErasureOrderModel: Model, @unchecked Sendable {
    static let schema = "erasure_orders"

    /// Where an order stands: as a request's system does.
    enum Status: String, Codable, Sendable {
        case pending
        case waiting
        case done
        case failed
    }

    @ID(key: .id) var id: UUID?
    /// The processor's system id.
    @Field(key: "system") var system: String
    /// `retention` or `cli`: who decided the erasure.
    @Field(key: "origin") var origin: String
    /// The OpenDSR `subject_request_id`, the same on every try.
    @Field(key: "external_id") var externalID: String
    @Field(key: "status") var status: Status
    @OptionalField(key: "progress") var progress: String?
    @OptionalField(key: "failure") var failure: String?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "retry_at") var retryAt: Date?
    @OptionalField(key: "due_at") var dueAt: Date?
    /// The person's identities, sealed; emptied when the processor is done.
    @Field(key: "identities") var identities: Data
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// For a manual system: the owner's list the order went out on (`ErasureOrders+Lists`).
    @OptionalField(key: "list_id") var listID: UUID?

    init() {}

    static func context(_ id: UUID) -> String { "erasure-order|\(id.wire)" }
}

/// Migration: a manual system's orders go to its owner as lists.
struct AddErasureOrderLists: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ErasureOrderModel.schema).field("list_id", .uuid).update()
        try await JobLease.sql(database).raw(
            "CREATE INDEX IF NOT EXISTS \"erasure_orders_list\" ON \"erasure_orders\" (\"list_id\")"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await JobLease.sql(database).raw("DROP INDEX IF EXISTS \"erasure_orders_list\"").run()
        try await database.schema(ErasureOrderModel.schema).deleteField("list_id").update()
    }
}

/// Migration: erasures sent to processors outside a request.
struct CreateErasureOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ErasureOrderModel.schema)
            .id()
            .field("system", .string, .required)
            .field("origin", .string, .required)
            .field("external_id", .string, .required)
            .field("status", .string, .required)
            .field("progress", .string)
            .field("failure", .string)
            .field("attempts", .int, .required)
            .field("retry_at", .datetime)
            .field("due_at", .datetime)
            .field("identities", .data, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "system", "external_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ErasureOrderModel.schema).delete()
    }
}
