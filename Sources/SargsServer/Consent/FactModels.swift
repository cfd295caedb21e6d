import Fluent
import Foundation
import SargsKit
import SargsCore

/// A contract or similar relationship (drives contract-based purposes and retention).
final class RelationshipModel: Model, @unchecked Sendable {
    static let schema = "relationships"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "starts_at") var start: Date
    @OptionalField(key: "ends_at") var end: Date?

    init() {}

    init(subject: UUID, kind: String, start: Date, end: Date?) {
        self.id = UUID()
        self.subjectID = subject
        self.kind = kind
        self.start = start
        self.end = end
    }

    var value: Relationship { Relationship(kind: kind, start: start, end: end) }
}

/// An objection (Art. 21); `purpose` nil means every purpose it can cover.
final class ObjectionModel: Model, @unchecked Sendable {
    static let schema = "objections"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @OptionalField(key: "purpose") var purpose: String?
    @Field(key: "direct_marketing") var directMarketing: Bool
    @Field(key: "since") var since: Date

    init() {}

    /// The one place an objection is built (the facts API and objection requests).
    init(subject: UUID, purpose: String?, directMarketing: Bool, since: Date) {
        self.id = UUID()
        self.subjectID = subject
        self.purpose = purpose
        self.directMarketing = directMarketing
        self.since = since
    }

    var value: Objection { Objection(purpose: purpose, directMarketing: directMarketing, since: since) }
}

/// A restriction of processing (Art. 18); lifting is recorded, never deleted.
final class RestrictionModel: Model, @unchecked Sendable {
    static let schema = "restrictions"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @OptionalField(key: "purpose") var purpose: String?
    @Field(key: "since") var since: Date
    @OptionalField(key: "lifted_at") var liftedAt: Date?

    init() {}

    /// The one place a restriction is built (the facts API, restriction requests and erasure's keeps).
    init(subject: UUID, purpose: String?, since: Date) {
        self.id = UUID()
        self.subjectID = subject
        self.purpose = purpose
        self.since = since
    }

    var value: Restriction { Restriction(purpose: purpose, since: since, liftedAt: liftedAt) }
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields).
extension RelationshipModel: BulkInsertable {
    static let bulkColumns = ["id", "subject_id", "kind", "starts_at", "ends_at"]
    var bulkValues: [any Encodable & Sendable] { [id, subjectID, kind, start, end] }
}

extension ObjectionModel: BulkInsertable {
    static let bulkColumns = ["id", "subject_id", "purpose", "direct_marketing", "since"]
    var bulkValues: [any Encodable & Sendable] { [id, subjectID, purpose, directMarketing, since] }
}
