import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Finding subjects: by id, or by e-mail address or phone number through the keyed blind indexes
/// (nothing is decrypted to search).
enum SubjectQueries {
    /// The subject with the id in `raw` (a path parameter); a 400 when it is no UUID, a 404 when unknown.
    static func find(_ id: UUID, on database: any Database) async throws -> SubjectModel {
        guard let subject = try await SubjectModel.find(id, on: database) else {
            throw DomainError.notFound("subject \(id.wire)")
        }
        return subject
    }

    /// The facts subject `id`'s row holds and its facts version (read with SQL, no model hydrated); nil when unknown.
    static func bareState(
        of id: UUID, consentAge: Int?, on database: any Database
    ) async throws -> (SubjectState, factsVersion: Int)? {
        let row = try await JobLease.sql(database).raw(
            """
            SELECT status, consent_age_reached_on, facts_version FROM \(ident: SubjectModel.schema)
            WHERE id = \(bind: id)
            """
        ).first()
        return try row.map {
            (
                SubjectModel.bareState(
                    status: try $0.decode(column: "status", as: SubjectState.Status.self),
                    consentAgeReachedOn: try $0.decode(column: "consent_age_reached_on", as: CivilDate?.self),
                    consentAge: consentAge),
                try $0.decode(column: "facts_version", as: Int.self)
            )
        }
    }

    /// A subject that still holds data: an erased subject answers as not found.
    static func live(_ id: UUID, on database: any Database) async throws -> SubjectModel {
        let subject = try await find(id, on: database)
        guard !subject.isErased else { throw DomainError.notFound("subject") }
        return subject
    }

    /// The subject with this e-mail address. An address that is not one is a 422 naming `field`,
    /// without echoing the value.
    static func find(
        email raw: String, field: String = "email", master: MasterKey, on database: any Database
    ) async throws -> SubjectModel? {
        let index = try emailIndex(raw, field: field, master: master)
        return try await SubjectModel.query(on: database).filter(\.$emailIndex == index).first()
    }

    /// The blind index of an e-mail address, normalised first; one that is not an address is a 422 naming `field`,
    /// without the value.
    private static func emailIndex(_ raw: String, field: String, master: MasterKey) throws -> String {
        let normalised: String
        do { normalised = try ContactValue.normalisedEmail(raw) } catch {
            throw DomainError.invalid(field, error.description)
        }
        return BlindIndex.index(normalised, kind: .email, with: master)
    }

    /// The id of the subject with this e-mail address, read by its blind index without hydrating
    /// the subject (the decision path). An address that is not one is a 422 naming `field`.
    static func id(
        email raw: String, field: String = "email", master: MasterKey, on database: any Database
    ) async throws -> UUID? {
        let index = try emailIndex(raw, field: field, master: master)
        return try await JobLease.sql(database).raw(
            "SELECT id FROM \(ident: SubjectModel.schema) WHERE email_index = \(bind: index)"
        )
        .first()?.decode(column: "id", as: UUID.self)
    }

    /// The subject with this phone number (normalised first).
    static func find(
        phone raw: String, field: String = "phone", master: MasterKey, on database: any Database
    ) async throws -> SubjectModel? {
        let normalised: String
        do { normalised = try ContactValue.normalisedPhone(raw) } catch {
            throw DomainError.invalid(field, error.description)
        }
        let index = BlindIndex.index(normalised, kind: .phone, with: master)
        return try await SubjectModel.query(on: database).filter(\.$phoneIndex == index).first()
    }

    /// The UNIQUE constraints on the blind indexes and the external reference guard uniqueness
    /// (no racy pre-check); a violation becomes a conflict that names no value.
    static func uniqueContacts<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(
                "data", "a subject with this e-mail address, phone number or external reference already exists")
        }
    }
}
