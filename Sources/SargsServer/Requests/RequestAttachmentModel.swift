import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// A file that came with a request — the signed request itself (an ASiC-E, BDOC or eDOC container,
/// a signed PDF, a scanned letter) — kept sealed for the staff check, and deleted with the request's
/// other personal details (erasure, the purge of closed requests).
final class RequestAttachmentModel: Model, @unchecked Sendable {
    static let schema = "request_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "request_id") var requestID: UUID
    /// The file's name as sent, sealed (a name can be personal).
    @Field(key: "name_sealed") var nameSealed: Data
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "content_sealed") var contentSealed: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The largest file a request may carry.
    static let maximumSize = 5 * 1024 * 1024

    /// A sealed attachment of `content` for `request`.
    init(request: UUID, name: String, mediaType: String, content: Data, master: MasterKey, at time: Date) throws {
        let id = UUID()
        self.id = id
        self.requestID = request
        self.nameSealed = try Vault.sealService(
            Data(name.utf8), context: "attachment-name|\(id.uuidString)", with: master)
        self.mediaType = mediaType
        self.size = content.count
        self.contentSealed = try Vault.sealService(content, context: "attachment|\(id.uuidString)", with: master)
        self.createdAt = time
    }

    func name(master: MasterKey) -> String {
        guard let id,
            let raw = try? Vault.openService(nameSealed, context: "attachment-name|\(id.uuidString)", with: master)
        else { return "" }
        return String(decoding: raw, as: UTF8.self)
    }

    func content(master: MasterKey) throws -> Data {
        try Vault.openService(contentSealed, context: "attachment|\(try requireID().uuidString)", with: master)
    }
}

/// Migration 019: files that came with requests, sealed.
struct CreateRequestAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestAttachmentModel.schema)
            .id()
            .field("request_id", .uuid, .required, .references(RequestModel.schema, "id", onDelete: .cascade))
            .field("name_sealed", .data, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("content_sealed", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await JobLease.sql(database).raw(
            "CREATE INDEX IF NOT EXISTS \"request_attachments_request\" ON \"request_attachments\" (\"request_id\")"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestAttachmentModel.schema).delete()
    }
}
