import Fluent
import Foundation
import SargsCore
import SargsKit

/// A legal hold as staff see it, its reason unsealed.
struct HoldView: Encodable, Sendable {
    var id: String
    var reason: String
    var categories: [String]
    var until: String?
    var createdAt: Date
    var releasedAt: Date?
}

extension RecordService {
    /// A live subject's legal holds, oldest first.
    func holds(subject subjectID: UUID, on database: any Database) async throws -> [HoldView] {
        let subjectID = try await SubjectQueries.live(subjectID, on: database).requireID()
        return try await LegalHoldModel.query(on: database).filter(\.$subjectID == subjectID).sort(\.$createdAt).all()
            .map { hold in
                let id = try hold.requireID()
                let reason = try Vault.openService(
                    hold.reason, context: "hold|\(id.uuidString)", with: keys.master)
                return HoldView(
                    id: id.wire, reason: String(decoding: reason, as: UTF8.self),
                    categories: hold.categories?.split(separator: " ").map(String.init) ?? [],
                    until: hold.untilOn?.description,
                    createdAt: hold.createdAt, releasedAt: hold.releasedAt)
            }
    }
}
