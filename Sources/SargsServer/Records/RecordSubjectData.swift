import Fluent
import Foundation
import SargsCore
import SargsKit

/// The disclosure log (Art. 15(1)(c), 19) and legal holds: shredded with the subject; the
/// disclosures are exported with it.
struct RecordSubjectData: SubjectDataOwner {
    let tables = [DisclosureModel.schema, LegalHoldModel.schema]

    func shred(_ subjects: [UUID], on database: any Database) async throws {
        try await DisclosureModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
        try await LegalHoldModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
    }

    func export(_ subject: UUID, into export: inout SubjectExport, on database: any Database) async throws {
        export.disclosures = try await DisclosureModel.query(on: database).filter(\.$subjectID == subject).sort(
            \.$disclosedAt
        ).all().map(\.value)
    }
}
