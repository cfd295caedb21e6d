import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// A subject's personal values in the vault, in one place for every path that writes or opens
/// them (collection, `PATCH`, rectification, consent evidence, purpose-bound reads, exports):
/// envelope keys, sealing, the blind indexes and the consent-age day derived from the date of birth.
struct SubjectVault: Sendable {
    let master: MasterKey
    /// The engine's consent age, from which `consent_age_reached_on` is derived.
    let consentAge: Int?
    /// Recently unwrapped data keys; nil to unwrap every time.
    var keys: DataKeyCache? = nil

    /// A sealed value ready to store.
    struct Sealed: Sendable {
        var category: String
        var ciphertext: Data
    }

    /// A new subject row with a fresh data key wrapped under the master key, and that key.
    func newSubject(
        externalRef: String?, country: String, language: String, at now: Date
    ) throws -> (SubjectModel, DataKey) {
        let id = UUID()
        let dataKey = DataKey.generate()
        let wrapped = try Vault.wrap(dataKey, subject: id, with: master)
        return (
            SubjectModel(
                id: id, externalRef: externalRef, country: country, language: language, wrappedKey: wrapped, at: now),
            dataKey
        )
    }

    /// The subject's data key; nil once it was crypto-shredded.
    func dataKey(of subject: SubjectModel) throws -> DataKey? {
        guard let wrapped = subject.wrappedKey else { return nil }
        return try unwrap(wrapped, subject: try subject.requireID())
    }

    private func unwrap(_ wrapped: Data, subject id: UUID) throws -> DataKey {
        guard let keys else { return try Vault.unwrap(wrapped, subject: id, with: master) }
        return try keys.key(of: id, wrapped: wrapped) { try Vault.unwrap(wrapped, subject: id, with: master) }
    }

    /// Seals already-normalised values under the subject's data key and points the subject's
    /// indexes at them. The caller saves the subject and stores the ciphertexts.
    func seal(_ values: [String: String], for subject: SubjectModel, dataKey: DataKey) throws -> [Sealed] {
        let id = try subject.requireID()
        if let email = values[ContactValue.emailCategory] {
            subject.emailIndex = BlindIndex.index(email, kind: .email, with: master)
        }
        if let phone = values[ContactValue.phoneCategory] {
            subject.phoneIndex = BlindIndex.index(phone, kind: .phone, with: master)
        }
        if let birth = values[ContactValue.birthDateCategory].flatMap(CivilDate.init(iso:)) {
            subject.consentAgeReachedOn = birth.adding(years: consentAge ?? 0)
        }
        return try values.sorted { $0.key < $1.key }.map {
            Sealed(category: $0.key, ciphertext: try Vault.seal($0.value, category: $0.key, subject: id, with: dataKey))
        }
    }

    /// Replaces or adds sealed values (in the caller's transaction). The old ciphertext is
    /// overwritten: no old value is kept, in clear or otherwise.
    func store(
        _ sealed: [Sealed], subject id: UUID, source: String, purpose: String, at now: Date, on database: any Database
    ) async throws {
        for value in sealed {
            if let item = try await DataItemModel.query(on: database).filter(\.$subjectID == id).filter(
                \.$category == value.category
            ).first() {
                item.ciphertext = value.ciphertext
                item.updatedAt = now
                try await item.save(on: database)
            } else {
                try await DataItemModel(
                    subject: id, category: value.category, ciphertext: value.ciphertext, source: source,
                    purpose: purpose,
                    at: now
                ).create(on: database)
            }
        }
    }

    /// Opens the subject's stored values of `categories` (every category when nil).
    func open(
        _ subject: SubjectModel, categories: [String]? = nil,
        on database: any Database
    ) async throws -> [(item: DataItemModel, value: String)] {
        guard let key = try dataKey(of: subject) else { return [] }
        let id = try subject.requireID()
        var query = DataItemModel.query(on: database).filter(\.$subjectID == id)
        if let categories { query = query.filter(\.$category ~~ categories) }
        return try await query.all().map { item in
            (item, try Vault.open(item.ciphertext, category: item.category, subject: id, with: key))
        }
    }

    /// The values of `categories`, opened, by category; nil when there is no such subject, empty
    /// when its key was shredded. The purpose-bound read's path, with no model hydrated: from the
    /// subject's sealed values kept in `cache`, or one statement over the subject row and its values
    /// (all of them when they are few enough to keep, else those of `categories`).
    ///
    /// - Parameter version: the subject's facts version, read before this call (the versioned cache
    ///   keeps and serves values only at it; without it, in versioned mode, nothing is kept).
    func released(
        of id: UUID, categories: [String], cache: DecisionFactsCache?, version: Int? = nil,
        on database: any Database
    ) async throws -> [String: String]? {
        let sealed: SealedSubject
        if let kept = cache?.sealed(of: id, atVersion: version) {
            sealed = kept
        } else {
            let keeping = cache.flatMap { !$0.checksVersions || version != nil ? $0 : nil }
            let epoch = keeping?.epoch
            guard
                let read = try await SealedSubject.read(id, categories: keeping == nil ? categories : nil, on: database)
            else { return nil }
            if let keeping, let epoch, read.values.count <= SealedSubject.keptLimit {
                keeping.store(read, for: id, version: version ?? 0, readSince: epoch)
            }
            sealed = read
        }
        guard let wrapped = sealed.wrappedKey else { return [:] }
        let key = try unwrap(wrapped, subject: id)
        var values: [String: String] = [:]
        for category in categories {
            guard let ciphertext = sealed.values[category] else { continue }
            values[category] = try Vault.open(ciphertext, category: category, subject: id, with: key)
        }
        return values
    }

    /// What a company dataset finds the subject by (`DatasetValidator.identities`): the stored e-mail
    /// addresses and phone numbers, opened, and the external reference. Empty once the key is shredded.
    func identities(of subject: SubjectModel, on database: any Database) async throws -> [String: [String]] {
        var identities: [String: [String]] = [:]
        for (item, value) in try await open(
            subject, categories: [ContactValue.emailCategory, ContactValue.phoneCategory], on: database)
        {
            identities[item.category == ContactValue.emailCategory ? "email" : "phone_number", default: []]
                .append(value)
        }
        if let reference = subject.externalRef { identities["external_id"] = [reference] }
        return identities
    }

    /// The identities of many subjects at once, per subject (identity name → values), for the batch
    /// jobs that search company datasets: the subjects' keys and references in one statement per
    /// chunk, their e-mail addresses and phone numbers in another, read as plain rows (no model is
    /// built: a retention run reads a chunk's worth each time).
    func identities(of ids: [UUID], on database: any Database) async throws -> [UUID: [String: [String]]] {
        let sql = try JobLease.sql(database)
        var keys: [UUID: DataKey] = [:]
        var identities: [UUID: [String: [String]]] = [:]
        for chunk in ids.chunked() {
            let subjects = try await sql.select().columns("id", "wrapped_key", "external_ref")
                .from(SubjectModel.schema).where("id", .in, chunk).all()
            for row in subjects {
                let id = try row.decode(column: "id", as: UUID.self)
                guard let wrapped = try row.decode(column: "wrapped_key", as: Data?.self) else { continue }
                keys[id] = try unwrap(wrapped, subject: id)
                identities[id] = [:]
                if let reference = try row.decode(column: "external_ref", as: String?.self) {
                    identities[id]?["external_id"] = [reference]
                }
            }
        }
        guard !keys.isEmpty else { return identities }
        for chunk in Array(keys.keys).chunked() {
            let items = try await sql.select().columns("subject_id", "category", "ciphertext")
                .from(DataItemModel.schema).where("subject_id", .in, chunk)
                .where("category", .in, [ContactValue.emailCategory, ContactValue.phoneCategory]).all()
            for row in items {
                let subject = try row.decode(column: "subject_id", as: UUID.self)
                let category = try row.decode(column: "category", as: String.self)
                guard let key = keys[subject] else { continue }
                let value = try Vault.open(
                    try row.decode(column: "ciphertext", as: Data.self), category: category, subject: subject, with: key
                )
                identities[subject, default: [:]][
                    category == ContactValue.emailCategory ? "email" : "phone_number", default: []
                ].append(value)
            }
        }
        return identities
    }

    /// The subject's stored e-mail address; nil when none is stored (or it was erased).
    func emailAddress(of subject: SubjectModel, on database: any Database) async throws -> String? {
        try await open(subject, categories: [ContactValue.emailCategory], on: database).first?.value
    }

    /// Consent evidence (IP address, user agent, the signed document's reference) sealed under the
    /// subject's key, so erasure makes it unreadable; nil when there is none.
    func sealEvidence(
        ip: String?, userAgent: String?, document: String? = nil,
        givenBy: (relation: String, name: String, evidence: String)? = nil,
        for subject: SubjectModel
    ) throws -> Data? {
        guard ip != nil || userAgent != nil || document != nil || givenBy != nil, let key = try dataKey(of: subject)
        else { return nil }
        var fields = ["ip": ip ?? "", "user_agent": userAgent ?? ""]
        if let document { fields["document"] = document }
        if let givenBy {
            fields["given_by"] = givenBy.relation
            fields["given_by_name"] = givenBy.name
            fields["given_by_evidence"] = givenBy.evidence
        }
        let json = try JSONEncoder().encode(fields)
        return try Vault.seal(
            String(decoding: json, as: UTF8.self), category: "consent.evidence", subject: try subject.requireID(),
            with: key)
    }

    /// Everything held about a subject, opened, for an export package: its values, then what each
    /// feature holds about it (`owners`, the registered `SubjectDataOwner`s).
    func export(
        of subject: SubjectModel, owners: [any SubjectDataOwner], on database: any Database
    ) async throws -> SubjectExport {
        let id = try subject.requireID()
        let items = try await open(subject, on: database).map { item, value in
            SubjectExport.Item(
                category: item.category, value: value, source: item.source, collectedFor: item.collectedFor,
                collectedAt: item.collectedAt, updatedAt: item.updatedAt)
        }.sorted { ($0.category, $0.collectedAt) < ($1.category, $1.collectedAt) }
        var export = SubjectExport(subjectID: id, country: subject.country, language: subject.language, items: items)
        for owner in owners { try await owner.export(id, into: &export, on: database) }
        return export
    }
}
