import Fluent
import Foundation
import SargsKit

/// Requests about a shredded subject stay (their deadlines and outcomes are the controller's
/// accountability, Art. 5(2)) but keep no personal detail: details, corrections, letters, notes
/// and attachments go.
struct RequestSubjectData: SubjectDataOwner {
    let tables = [RequestModel.schema, RequestEventModel.schema, RequestAttachmentModel.schema]

    func shred(_ subjects: [UUID], on database: any Database) async throws {
        try await RequestStore.forgetDetails(ofSubjects: subjects, on: database)
    }
}
