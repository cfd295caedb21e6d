import Fluent
import Foundation

/// A contract or similar relationship (drives contract-based purposes and retention).
final class RelationshipModel: Model, @unchecked Sendable {
    static let schema = "relationships"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "starts_at") var start: Date
    @OptionalField(key: "ends_at") var end: Date?

    init() {}
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
}
