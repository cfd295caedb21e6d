import Fluent
import Foundation
import SargsCore
import SargsKit

/// A subject's decision facts through the store's cache: the decisions' and the purpose-bound
/// reads' one way to them. `consentAge` is the rules' age of digital consent (Art. 8).
extension WriteStore {
    /// A subject's decision facts, from the cache when possible (the loaded row gives the version
    /// the versioned cache compares).
    func facts(consentAge: Int?, of subject: SubjectModel, on database: any Database) async throws -> SubjectState {
        let id = try subject.requireID()
        if let cached = factsCache?.state(of: id) ?? factsCache?.state(of: id, atVersion: subject.factsVersion) {
            return cached
        }
        let epoch = factsCache?.epoch ?? 0
        let state = try await SubjectFacts.state(of: subject, consentAge: consentAge, on: database)
        factsCache?.store(state, for: id, version: subject.factsVersion, readSince: epoch)
        return state
    }

    /// A subject's decision facts by id, from the cache when possible; nil when there is no such
    /// subject. On a miss the epoch (and the version) is taken before anything is read, so facts
    /// that a concurrent write changed are never served.
    func facts(consentAge: Int?, of id: UUID, on database: any Database) async throws -> SubjectState? {
        try await versionedFacts(consentAge: consentAge, of: id, on: database)?.state
    }

    /// As `facts(of:)`, with the facts version read with them (nil when the cache was used
    /// without asking the database), which a purpose-bound read hands on to the sealed values.
    func versionedFacts(
        consentAge: Int?, of id: UUID, on database: any Database
    ) async throws -> (state: SubjectState, version: Int?)? {
        if let cached = factsCache?.state(of: id) { return (cached, nil) }
        let epoch = factsCache?.epoch ?? 0
        if factsCache?.checksVersions != true {
            // No version to compare first: the subject's row and its events in one statement.
            guard let (state, version) = try await FactRows.subject(id, consentAge: consentAge, on: database) else {
                return nil
            }
            factsCache?.store(state, for: id, version: version, readSince: epoch)
            return (state, version)
        }
        guard let (bare, version) = try await SubjectQueries.bareState(of: id, consentAge: consentAge, on: database)
        else { return nil }
        if let cached = factsCache?.state(of: id, atVersion: version) { return (cached, version) }
        let state = try await SubjectFacts.state(of: id, bare: bare, on: database)
        factsCache?.store(state, for: id, version: version, readSince: epoch)
        return (state, version)
    }
}
