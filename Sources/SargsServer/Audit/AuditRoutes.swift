import Fluent
import Foundation
import SargsCore
import Vapor

/// `GET /v1/audit?subject=…`: the audit trail, for admin and DPO keys.
struct AuditController: Sendable {
    struct Page: Content {
        var entries: [Entry]
        var verification: String
    }

    struct Entry: Content {
        var sequence: Int64
        var time: Date
        var actor: String
        var action: String
        var subjectID: UUID?
        var purpose: String?
        var categories: [String]
        var result: String
        var hash: String

        enum CodingKeys: String, CodingKey {
            case sequence, time, actor, action, subjectID = "subject_id", purpose, categories, result, hash
        }
    }

    func register(_ routes: any RoutesBuilder) {
        routes.grouped("v1", "audit").get(use: list)
    }

    @Sendable
    func list(_ request: Request) async throws -> Page {
        _ = try request.principal(.admin, .dpo)
        var query = AuditEntryModel.query(on: request.db).sort(\.$id, .ascending)
        if let raw = request.query[String.self, at: "subject"] {
            guard let subject = UUID(uuidString: raw) else { throw APIProblem.badRequest("subject", "must be a subject id (UUID)") }
            query = query.filter(\.$subjectID == subject)
        }
        let limit = min(max(request.query[Int.self, at: "limit"] ?? 100, 1), 1_000)
        let rows = try await query.limit(limit).all()
        let verification: String
        switch try await AuditLog.verify(on: request.db) {
        case .intact(let count): verification = "intact (\(count) entries)"
        case .broken(let sequence, let reason): verification = "broken at entry \(sequence): \(reason)"
        }
        return Page(entries: rows.map { row in
            let entry = row.entry
            return Entry(sequence: entry.sequence, time: entry.time, actor: entry.actor, action: entry.action, subjectID: entry.subjectID,
                         purpose: entry.purpose, categories: entry.categories, result: entry.result, hash: entry.hash)
        }, verification: verification)
    }
}
