import Fluent
import Foundation
import SargsCore

/// Writing and reading a subject's personal values in the vault, in one place for every path
/// that changes them (collection, `PATCH`, rectification requests): sealing, the blind indexes and
/// the consent-age day derived from the date of birth.
enum SubjectValues {
    /// Seals already-normalised values under the subject's data key and points the subject's
    /// indexes at them. The caller saves the subject and stores the ciphertexts.
    static func seal(_ values: [String: String], for subject: SubjectModel, dataKey: DataKey,
                     context: SargsContext) throws -> [(category: String, ciphertext: Data)] {
        let id = try subject.requireID()
        if let email = values[ContactValue.emailCategory] {
            subject.emailIndex = BlindIndex.index(email, kind: .email, with: context.masterKey)
        }
        if let phone = values[ContactValue.phoneCategory] {
            subject.phoneIndex = BlindIndex.index(phone, kind: .phone, with: context.masterKey)
        }
        if let birth = values[ContactValue.birthDateCategory].flatMap(CivilDate.init(iso:)) {
            subject.consentAgeReachedOn = birth.adding(years: context.engine.consentAge ?? 0).description
        }
        return try values.sorted { $0.key < $1.key }.map {
            ($0.key, try Vault.seal($0.value, category: $0.key, subject: id, with: dataKey))
        }
    }

    /// Replaces or adds sealed values (in the caller's transaction). The old ciphertext is
    /// overwritten: no old value is kept, in clear or otherwise.
    static func store(_ sealed: [(category: String, ciphertext: Data)], subject id: UUID, source: String, purpose: String,
                      at now: Date, on database: any Database) async throws {
        for (category, ciphertext) in sealed {
            if let item = try await DataItemModel.query(on: database).filter(\.$subjectID == id).filter(\.$category == category).first() {
                item.ciphertext = ciphertext
                item.updatedAt = now
                try await item.save(on: database)
            } else {
                try await DataItemModel(subject: id, category: category, ciphertext: ciphertext, source: source, purpose: purpose,
                                        at: now).create(on: database)
            }
        }
    }

    /// The subject's stored e-mail address, opened from the vault; nil when none is stored (or erased).
    static func emailAddress(of subject: SubjectModel, master: MasterKey, on database: any Database) async throws -> String? {
        guard let id = subject.id, let wrapped = subject.wrappedKey,
              let item = try await DataItemModel.query(on: database).filter(\.$subjectID == id)
                .filter(\.$category == ContactValue.emailCategory).first() else { return nil }
        let key = try Vault.unwrap(wrapped, subject: id, with: master)
        return try Vault.open(item.ciphertext, category: item.category, subject: id, with: key)
    }
}
