import Foundation
import SargsCore
import SargsKit

extension CreateSubjectRequest {
    /// The collection this body asks for; problems name fields under `prefix` (an import line's).
    func command(field prefix: String = "") throws -> CollectSubject {
        let origin: CollectSubject.Origin
        if let obtainedFrom {
            guard let parsed = CollectSubject.Origin(rawValue: obtainedFrom) else {
                throw DomainError.invalid(prefix + "obtained_from", "must be subject, third_party or public_source")
            }
            origin = parsed
        } else {
            origin = .subject
        }
        return CollectSubject(
            externalRef: externalRef, country: country, language: language, data: data, source: source,
            collectedFor: collectedFor, collectedAt: collectedAt, origin: origin, field: prefix)
    }
}

extension UpdateSubjectRequest {
    func command(subject: UUID) -> UpdateSubjectData {
        UpdateSubjectData(subjectID: subject, data: data, purpose: purpose)
    }
}

extension LookupRequest {
    func command() throws -> SubjectLookup {
        if let email {
            return SubjectLookup(contact: .email(email), purpose: purpose)
        } else if let phone {
            return SubjectLookup(contact: .phone(phone), purpose: purpose)
        }
        throw DomainError.malformed("email", "give email or phone")
    }
}

extension SubjectReadResponse {
    init(_ read: PurposeBoundRead) {
        self.init(
            id: read.subjectID.wire, purpose: read.purpose, allowed: read.decision.allowed,
            reason: read.decision.reason.rawValue, legalBasis: read.decision.legalBasis.rawValue, data: read.data)
    }
}

extension SubjectModel {
    /// How the data was obtained, as stored (nil: from the subject).
    var origin: CollectSubject.Origin {
        get { obtainedFrom.flatMap(CollectSubject.Origin.init(rawValue:)) ?? .subject }
        set { obtainedFrom = newValue == .subject ? nil : newValue.rawValue }
    }
}

extension Decision {
    /// The result an audit entry records for this decision: `ok`, or `denied:` and the reason.
    var auditResult: String { allowed ? "ok" : "denied:\(reason.rawValue)" }
}
