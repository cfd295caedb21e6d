import Fluent
import Foundation
import SargsCore

/// Loads what the decision engine needs about subjects, as Sendable values.
///
/// The date of birth is sealed in the vault; the subject row keeps only the day the subject
/// reaches the consent age. The engine compares ages against that same age, so handing it
/// that day minus the age gives the same answers without decrypting anything.
enum SubjectFacts {
    /// - Parameter consentAge: the engine's consent age, from which `consent_age_reached_on` was derived.
    static func state(of subject: SubjectModel, consentAge: Int?, on database: any Database) async throws -> SubjectState {
        try await state(of: try subject.requireID(), bare: subject.bareState(consentAge: consentAge), on: database)
    }

    /// The facts of subject `id` whose row gave `bare` (status and consent age): its events and stored categories added.
    static func state(of id: UUID, bare: SubjectState, on database: any Database) async throws -> SubjectState {
        async let consents = ConsentEventModel.query(on: database).filter(\.$subjectID == id).all()
        async let relationships = RelationshipModel.query(on: database).filter(\.$subjectID == id).all()
        async let objections = ObjectionModel.query(on: database).filter(\.$subjectID == id).all()
        async let restrictions = RestrictionModel.query(on: database).filter(\.$subjectID == id).all()
        async let stored = DataItemModel.query(on: database).filter(\.$subjectID == id).field(\.$category).field(\.$archivedFor).all()
        var state = bare
        state.consents = try await consents.map(\.event)
        state.relationships = try await relationships.map(\.value)
        state.objections = try await objections.map(\.value)
        state.restrictions = try await restrictions.map(\.value)
        for item in try await stored { state.stored[item.category] = .some(item.archivedPurposes.map(Set.init)) }
        return state
    }

    /// The facts of many subjects with one query per table and chunk; unknown ids are absent.
    static func states(of ids: [UUID], consentAge: Int?, on database: any Database) async throws -> [UUID: SubjectState] {
        var result: [UUID: SubjectState] = [:]
        for chunk in ids.chunked() {
            let subjects = try await SubjectModel.query(on: database).filter(\.$id ~~ chunk).all()
            let consents = try await ConsentEventModel.query(on: database).filter(\.$subjectID ~~ chunk).all()
            let relationships = try await RelationshipModel.query(on: database).filter(\.$subjectID ~~ chunk).all()
            let objections = try await ObjectionModel.query(on: database).filter(\.$subjectID ~~ chunk).all()
            let restrictions = try await RestrictionModel.query(on: database).filter(\.$subjectID ~~ chunk).all()
            let stored = try await DataItemModel.query(on: database).filter(\.$subjectID ~~ chunk)
                .field(\.$subjectID).field(\.$category).field(\.$archivedFor).all()
            for subject in subjects {
                if let id = subject.id { result[id] = subject.bareState(consentAge: consentAge) }
            }
            for event in consents { result[event.subjectID]?.consents.append(event.event) }
            for item in relationships { result[item.subjectID]?.relationships.append(item.value) }
            for item in objections { result[item.subjectID]?.objections.append(item.value) }
            for item in restrictions { result[item.subjectID]?.restrictions.append(item.value) }
            for item in stored { result[item.subjectID]?.stored[item.category] = .some(item.archivedPurposes.map(Set.init)) }
        }
        return result
    }
}
