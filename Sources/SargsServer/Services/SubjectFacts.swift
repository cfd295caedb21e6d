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
        var state = subject.bareState(consentAge: consentAge)
        state.consents = try await consents.map(\.event)
        state.relationships = try await relationships.map(\.value)
        state.objections = try await objections.map(\.value)
        state.restrictions = try await restrictions.map(\.value)
        return state
    }
}
