import Fluent
import Foundation
import SargsCore

/// One company system's part of a request (issue 25): a request is complete only when every
/// system is done. Holds no personal value in clear: the identities the system is searched by and
/// the erasure plan are sealed under the service key (`work`), and forgotten once the system is done.
final class RequestSystemModel: Model, @unchecked Sendable {
    static let schema = "request_systems"

    /// Where a system stands.
    enum Status: String, Codable, Sendable {
        /// Not yet carried out (or carried out by a process that stopped before it reported).
        case pending
        /// Carried out; `rows` counts what was found or changed.
        case done
        /// Failed; `failure` says why (never a value or a credential). Retried alone.
        case failed
        /// Handed over: a processor carries it out, or an owner confirms by hand; `dueAt` says by when.
        case waiting
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    /// The dataset's `fides_key`.
    @Field(key: "system") var system: String
    @Field(key: "status") var status: Status
    /// Rows found (access, portability) or changed (erasure); nil until done.
    @OptionalField(key: "rows") var rows: Int?
    /// What was done, per collection, as JSON without values (`SystemOutcome`).
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "failure") var failure: String?
    @Field(key: "attempts") var attempts: Int
    /// The identities and the erasure plan, sealed; emptied when the system is done.
    @Field(key: "work") var work: Data
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// For a processor: the OpenDSR `subject_request_id`, chosen at approval and sent on every try.
    @OptionalField(key: "external_id") var externalID: String?
    /// When a waiting system should be done: the processor's expected completion, the owner's deadline.
    @OptionalField(key: "due_at") var dueAt: Date?
    /// For a processor that could not be reached: when it is tried again on its own (backoff).
    @OptionalField(key: "retry_at") var retryAt: Date?
    /// A processor's last reported `request_status`.
    @OptionalField(key: "progress") var progress: String?
    /// While a runner carries the system out: until when its claim holds (no second runner, staff
    /// retry or resume takes it meanwhile); nil when no one is at work on it.
    @OptionalField(key: "claimed_until") var claimedUntil: Date?

    init() {}
}

/// Migration: a system's claim lasts a lease, so a staff retry or a resume never carries out a
/// system another runner is still at work on.
struct AddRequestSystemClaim: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestSystemModel.schema).field("claimed_until", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestSystemModel.schema).deleteField("claimed_until").update()
    }
}

/// Migration: what a processor or a manual system's part of a request needs (issue 25).
struct AddRequestSystemTracking: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        let columns: [(FieldKey, DatabaseSchema.DataType)] = [
            ("external_id", .string), ("due_at", .datetime), ("retry_at", .datetime), ("progress", .string),
        ]
        for (name, type) in columns {
            try await database.schema(RequestSystemModel.schema).field(name, type).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestSystemModel.schema)
            .deleteField("external_id").deleteField("due_at").deleteField("retry_at").deleteField("progress")
            .update()
    }
}

/// Migration: each request's company systems.
struct CreateRequestSystems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestSystemModel.schema)
            .id()
            .field("request_id", .uuid, .required, .references(RequestModel.schema, "id", onDelete: .cascade))
            .field("system", .string, .required)
            .field("status", .string, .required)
            .field("rows", .int)
            .field("outcome", .string)
            .field("failure", .string)
            .field("attempts", .int, .required)
            .field("work", .data, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "request_id", "system")
            .create()
        try await database.schema(PendingCompletionModel.schema)
            .field(
                "request_id", .uuid, .identifier(auto: false),
                .references(RequestModel.schema, "id", onDelete: .cascade)
            )
            .field("message", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingCompletionModel.schema).delete()
        try await database.schema(RequestSystemModel.schema).delete()
    }
}

/// The answer to a request whose company systems are still being carried out, sealed, sent once
/// every system is done (`request_completions`; the row goes when it is sent).
final class PendingCompletionModel: Model, @unchecked Sendable {
    static let schema = "request_completions"

    /// The request's id.
    @ID(custom: "request_id", generatedBy: .user) var id: UUID?
    /// The completion message (`RequestMessage`), sealed under the service key.
    @Field(key: "message") var message: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
