import Fluent
import Foundation
import SargsCore
import SargsKit

/// Loads what the decision engine needs about subjects, as Sendable values.
///
/// The date of birth is sealed in the vault; the subject row keeps only the day the subject
/// reaches the consent age. The engine compares ages against that same age, so handing it
/// that day minus the age gives the same answers without decrypting anything.
enum SubjectFacts {
    /// - Parameter consentAge: the engine's consent age, from which `consent_age_reached_on` was derived.
    static func state(
        of subject: SubjectModel, consentAge: Int?, on database: any Database
    ) async throws -> SubjectState {
        try await state(of: try subject.requireID(), bare: subject.bareState(consentAge: consentAge), on: database)
    }

    /// The facts of subject `id` whose row gave `bare` (status and consent age): its events and stored categories
    /// added.
    static func state(of id: UUID, bare: SubjectState, on database: any Database) async throws -> SubjectState {
        merged(bare, try await FactRows.facts(of: [id], on: database)[id])
    }

    /// The facts of many subjects with one query per table and chunk; unknown ids are absent.
    static func states(of ids: [UUID], consentAge: Int?, on database: any Database) async throws -> [UUID: SubjectState]
    {
        var result: [UUID: SubjectState] = [:]
        for chunk in ids.chunked() {
            let subjects = try await SubjectModel.query(on: database).filter(\.$id ~~ chunk).all()
            let facts = try await FactRows.facts(of: chunk, on: database)
            for subject in subjects {
                if let id = subject.id { result[id] = merged(subject.bareState(consentAge: consentAge), facts[id]) }
            }
        }
        return result
    }

    /// `bare` with the events and stored categories of `facts`.
    static func merged(_ bare: SubjectState, _ facts: SubjectState?) -> SubjectState {
        guard let facts else { return bare }
        var state = bare
        state.consents = facts.consents
        state.relationships = facts.relationships
        state.objections = facts.objections
        state.restrictions = facts.restrictions
        state.stored = facts.stored
        return state
    }
}
