import Fluent
import Foundation
import SargsCore

/// Loads what the decision engine needs about a subject, as a Sendable value.
///
/// The date of birth is sealed in the vault; the subject row keeps only the day the subject
/// reaches the consent age. The engine compares ages against that same age, so handing it
/// that day minus the age gives the same answers without decrypting anything.
enum SubjectFacts {
    /// - Parameter consentAge: the engine's consent age, from which `consent_age_reached_on` was derived.
    static func state(of subject: SubjectModel, consentAge: Int?, on database: any Database) async throws -> SubjectState {
        let id = try subject.requireID()
        async let consents = ConsentEventModel.query(on: database).filter(\.$subjectID == id).all()
        async let relationships = RelationshipModel.query(on: database).filter(\.$subjectID == id).all()
        async let objections = ObjectionModel.query(on: database).filter(\.$subjectID == id).all()
        async let restrictions = RestrictionModel.query(on: database).filter(\.$subjectID == id).all()
        return SubjectState(
            status: subject.status == SubjectState.Status.erased.rawValue ? .erased : .active,
            birthDate: subject.consentAgeReachedOn.flatMap(CivilDate.init(iso:)).map { $0.adding(years: -(consentAge ?? 0)) },
            consents: try await consents.map {
                ConsentEvent(purpose: $0.purpose, channel: $0.channel.flatMap(ContactChannel.init(rawValue:)),
                             state: $0.state == "withdrawn" ? .withdrawn : .given, at: $0.recordedAt)
            },
            relationships: try await relationships.map { Relationship(kind: $0.kind, start: $0.start, end: $0.end) },
            objections: try await objections.map { Objection(purpose: $0.purpose, directMarketing: $0.directMarketing, since: $0.since) },
            restrictions: try await restrictions.map { Restriction(purpose: $0.purpose, since: $0.since, liftedAt: $0.liftedAt) })
    }
}
