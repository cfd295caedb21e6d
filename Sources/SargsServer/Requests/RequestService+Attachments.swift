import Fluent
import Foundation
import SargsCore
import SargsKit

extension RequestService {
    /// Keeps a file that came with the request — the signed request for the staff check — sealed,
    /// with an audit entry naming its size and type, never its name or content.
    func attach(
        _ request: RequestModel, name: String, mediaType: String, content: Data, actor: String,
        on database: any Database
    ) async throws {
        guard !content.isEmpty else { throw DomainError.invalid("signed_file", "the file is empty") }
        guard content.count <= RequestAttachmentModel.maximumSize else {
            throw DomainError.invalid(
                "signed_file", "the file is larger than \(RequestAttachmentModel.maximumSize / 1_048_576) MB")
        }
        try TextSafety.check(name, field: "signed_file")
        let now = serverClock.now
        let id = try request.requireID()
        let attachment = try RequestAttachmentModel(
            request: id, name: String(name.prefix(200)), mediaType: String(mediaType.prefix(100)),
            content: content, master: master, at: now)
        let attachmentInsert = try ModelWrite(inserting: attachment)
        let subjectID = request.subjectID
        try await store.write(on: database) { database in
            try await attachmentInsert.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestAttach, subjectID: subjectID,
                        result: "ok:\(id.wire):\(content.count)")
                ]
            )
        }
    }

    /// The request's attachments: id, name, type and size (for the request page).
    func attachments(
        of request: RequestModel, on database: any Database
    ) async throws -> [(id: UUID, name: String, mediaType: String, size: Int)] {
        try await RequestAttachmentModel.query(on: database).filter(\.$requestID == request.requireID()).sort(
            \.$createdAt
        ).all().map {
            (try $0.requireID(), $0.name(master: master), $0.mediaType, $0.size)
        }
    }

    /// An attachment's content for staff, audited.
    func openAttachment(
        _ id: UUID, of request: RequestModel, actor: String,
        on database: any Database
    ) async throws -> (name: String, mediaType: String, content: Data) {
        guard let attachment = try await RequestAttachmentModel.find(id, on: database),
            attachment.requestID == request.id
        else {
            throw DomainError.notFound("attachment")
        }
        let content = try attachment.content(master: master)
        let now = serverClock.now
        let subjectID = request.subjectID
        try await store.write(on: database) { _ in
            (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .requestAttachmentRead, subjectID: subjectID,
                        result: "ok:\(id.wire)")
                ]
            )
        }
        return (attachment.name(master: master), attachment.mediaType, content)
    }
}
