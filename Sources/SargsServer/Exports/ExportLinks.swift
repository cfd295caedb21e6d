import Fluent
import Foundation
import SargsCore

/// Expiring signed download links for access and portability packages:
/// `<request id>.<expiry, unix seconds>.<HMAC>` under a key derived from the master key.
/// The link names no person; the package is built when it is fetched, so no copy of the
/// data waits on disk.
enum ExportLinks {
    static func token(request: UUID, expires: Date, master: MasterKey) -> String {
        let seconds = Int(expires.timeIntervalSince1970)
        let message = "export|\(request.uuidString.lowercased())|\(seconds)"
        return "\(request.uuidString.lowercased()).\(seconds).\(master.authenticate(message, for: .signedLink))"
    }

    /// The request id of a valid, unexpired token.
    static func verify(_ token: String, master: MasterKey, now: Date) -> UUID? {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 3, let id = UUID(uuidString: parts[0]), let seconds = Int(parts[1]) else { return nil }
        guard master.isAuthentic("export|\(parts[0])|\(seconds)", mac: parts[2], for: .signedLink) else { return nil }
        guard now.timeIntervalSince1970 < Double(seconds) else { return nil }
        return id
    }
}

/// Opens everything held about a subject for an export package.
enum SubjectExportLoader {
    static func load(_ subject: SubjectModel, master: MasterKey, on database: any Database) async throws -> SubjectExport {
        let id = try subject.requireID()
        var items: [SubjectExport.Item] = []
        if let wrapped = subject.wrappedKey {
            let key = try Vault.unwrap(wrapped, subject: id, with: master)
            for item in try await DataItemModel.query(on: database).filter(\.$subjectID == id).all() {
                items.append(.init(category: item.category, value: try Vault.open(item.ciphertext, category: item.category, subject: id, with: key),
                                   source: item.source, collectedFor: item.collectedFor, collectedAt: item.collectedAt, updatedAt: item.updatedAt))
            }
        }
        let consents = try await ConsentEventModel.query(on: database).filter(\.$subjectID == id).sort(\.$recordedAt).all().map {
            ConsentRecord(id: $0.id ?? UUID(), subjectID: id, purpose: $0.purpose, channel: $0.channel.flatMap(ContactChannel.init(rawValue:)),
                          state: $0.state == "withdrawn" ? .withdrawn : .given, method: $0.method, at: $0.recordedAt,
                          policyVersion: $0.policyVersion, noticeHash: $0.noticeHash)
        }
        return SubjectExport(
            subjectID: id, country: subject.country, language: subject.language, items: items, consents: consents,
            relationships: try await RelationshipModel.query(on: database).filter(\.$subjectID == id).all().map(\.value),
            objections: try await ObjectionModel.query(on: database).filter(\.$subjectID == id).all().map(\.value),
            restrictions: try await RestrictionModel.query(on: database).filter(\.$subjectID == id).all().map(\.value),
            disclosures: try await DisclosureModel.query(on: database).filter(\.$subjectID == id).sort(\.$disclosedAt).all().map(\.value))
    }
}
