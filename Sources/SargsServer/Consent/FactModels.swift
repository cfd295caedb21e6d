import Fluent
import Foundation
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

// The Sendable values the decision engine reads, mapped in one place.
extension ConsentEventModel {
    var event: ConsentEvent {
        ConsentEvent(purpose: purpose, channel: channel.flatMap(ContactChannel.init(rawValue:)),
                     state: state == ConsentEvent.State.withdrawn.rawValue ? .withdrawn : .given, at: recordedAt)
    }
}

extension RelationshipModel {
    var value: Relationship { Relationship(kind: kind, start: start, end: end) }
}

extension ObjectionModel {
    var value: Objection { Objection(purpose: purpose, directMarketing: directMarketing, since: since) }
}

extension RestrictionModel {
    var value: Restriction { Restriction(purpose: purpose, since: since, liftedAt: liftedAt) }
}

extension SubjectModel {
    /// The subject's facts without its events, which the caller adds.
    func bareState(consentAge: Int?) -> SubjectState {
        SubjectState(status: status == SubjectState.Status.erased.rawValue ? .erased : .active,
                     birthDate: consentAgeReachedOn.flatMap(CivilDate.init(iso:)).map { $0.adding(years: -(consentAge ?? 0)) })
    }

    /// The subject with this e-mail address, found through the keyed blind index.
    /// An address that is not one is a 422 naming `field`, without echoing the value.
    static func find(email raw: String, field: String = "email", master: MasterKey, on database: any Database) async throws -> SubjectModel? {
        let normalised: String
        do { normalised = try ContactValue.normalisedEmail(raw) } catch { throw APIProblem.invalid(field, error.description) }
        let index = BlindIndex.index(normalised, kind: .email, with: master)
        return try await SubjectModel.query(on: database).filter(\.$emailIndex == index).first()
    }
}
