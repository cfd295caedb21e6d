import Fluent
import Foundation
import SargsCore
import SargsKit

/// The consent ledger and the facts a subject's decisions rest on: shredded with the subject,
/// exported with it.
struct ConsentSubjectData: SubjectDataOwner {
    let tables = [
        ConsentEventModel.schema, PendingConsentModel.schema, ConsentReminderModel.schema, RelationshipModel.schema,
        ObjectionModel.schema, RestrictionModel.schema,
    ]

    func shred(_ subjects: [UUID], on database: any Database) async throws {
        try await ConsentEventModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
        try await PendingConsentModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
        try await ConsentReminderModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
        try await RelationshipModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
        try await ObjectionModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
        try await RestrictionModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
    }

    func export(_ subject: UUID, into export: inout SubjectExport, on database: any Database) async throws {
        export.consents = try await ConsentEventModel.query(on: database).filter(\.$subjectID == subject).sort(
            \.$recordedAt
        ).all().map(\.record)
        export.relationships = try await RelationshipModel.query(on: database).filter(\.$subjectID == subject).all()
            .map(\.value)
        export.objections = try await ObjectionModel.query(on: database).filter(\.$subjectID == subject).all().map(
            \.value)
        export.restrictions = try await RestrictionModel.query(on: database).filter(\.$subjectID == subject).all().map(
            \.value)
    }
}
