import Fluent
import Foundation
import SargsKit

/// The privacy center's signed-in consent sessions: nothing of them outlives the subject.
struct ConsentSessionSubjectData: SubjectDataOwner {
    let tables = [ConsentSessionModel.schema]

    func shred(_ subjects: [UUID], on database: any Database) async throws {
        try await ConsentSessionModel.query(on: database).filter(\.$subjectID ~~ subjects).delete()
    }
}
