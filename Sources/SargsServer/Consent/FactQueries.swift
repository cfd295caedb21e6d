import Fluent
import Foundation
import SargsKit

/// A subject's recorded facts as staff see them: relationships, objections and restrictions, with
/// their dates and purposes (no personal value is stored in them).
struct SubjectFactList: Encodable, Sendable {
    struct Relationship: Encodable, Sendable {
        var kind: String
        var start: Date
        var end: Date?
    }

    struct Objection: Encodable, Sendable {
        var purpose: String?
        var directMarketing: Bool
        var since: Date
    }

    struct Restriction: Encodable, Sendable {
        var id: String
        var purpose: String?
        var since: Date
        var liftedAt: Date?
    }

    var relationships: [Relationship]
    var objections: [Objection]
    var restrictions: [Restriction]
}

extension FactService {
    /// The facts recorded for a live subject, oldest first.
    func facts(subject subjectID: UUID, on database: any Database) async throws -> SubjectFactList {
        let id = try await SubjectQueries.live(subjectID, on: database).requireID()
        return SubjectFactList(
            relationships: try await RelationshipModel.query(on: database).filter(\.$subjectID == id).sort(\.$start)
                .all()
                .map { .init(kind: $0.kind, start: $0.start, end: $0.end) },
            objections: try await ObjectionModel.query(on: database).filter(\.$subjectID == id).sort(\.$since).all()
                .map { .init(purpose: $0.purpose, directMarketing: $0.directMarketing, since: $0.since) },
            restrictions: try await RestrictionModel.query(on: database).filter(\.$subjectID == id).sort(\.$since).all()
                .map { .init(id: try $0.requireID().wire, purpose: $0.purpose, since: $0.since, liftedAt: $0.liftedAt) }
        )
    }
}
