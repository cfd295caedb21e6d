import Foundation
import Vapor

/// `POST /v1/breaches`: a breach as the privacy officer first knows it.
struct RecordBreachBody: Content {
    var discoveredAt: Date
    var nature: String
    var categories: [String]
    var approximateSubjects: Int
    var approximateRecords: Int
    var consequences: String
    var measures: String
    /// Subjects known to be affected (told under Art. 34 if the risk is high).
    var subjectIDs: [UUID]?

    enum CodingKeys: String, CodingKey {
        case discoveredAt = "discovered_at", nature, categories, approximateSubjects = "approximate_subjects",
            approximateRecords = "approximate_records", consequences, measures, subjectIDs = "subject_ids"
    }
}

/// `POST /v1/breaches/{id}/notify-authority`: when the authority was notified; reasons when late.
struct NotifyAuthorityBody: Content {
    var notifiedAt: Date?
    var delayReasons: String?

    enum CodingKeys: String, CodingKey { case notifiedAt = "notified_at", delayReasons = "delay_reasons" }
}

/// `POST /v1/breaches/{id}/assess`: the Art. 34 assessment.
struct AssessBreachBody: Content {
    var highRisk: Bool
    /// Art. 34(3): `unintelligible`, `risk_mitigated` or `public_communication`.
    var exception: String?

    enum CodingKeys: String, CodingKey { case highRisk = "high_risk", exception }
}

/// `POST /v1/breaches/{id}/close`: a reason is needed when the authority was not notified.
struct CloseBreachBody: Content {
    var notNotifiedReason: String?

    enum CodingKeys: String, CodingKey { case notNotifiedReason = "not_notified_reason" }
}

/// A breach as the register shows it.
struct BreachView: Encodable, Sendable {
    var id: String
    var status: String
    var discoveredAt: Date
    var recordedAt: Date
    var nature: String
    var categories: [String]
    var approximateSubjects: Int
    var approximateRecords: Int
    var consequences: String
    var measures: String
    var affectedSubjects: Int
    var authority: String?
    var authorityDeadline: Date?
    var overdue: Bool
    var authorityNotifiedAt: Date?
    var delayReasons: String?
    var highRisk: Bool?
    var subjectsException: String?
    var subjectsInformedAt: Date?
    var subjectsMessaged: Int
    var notNotifiedReason: String?
    var closedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, status, discoveredAt = "discovered_at", recordedAt = "recorded_at", nature, categories,
            approximateSubjects = "approximate_subjects", approximateRecords = "approximate_records", consequences,
            measures,
            affectedSubjects = "affected_subjects", authority, authorityDeadline = "authority_deadline", overdue,
            authorityNotifiedAt = "authority_notified_at", delayReasons = "delay_reasons", highRisk = "high_risk",
            subjectsException = "subjects_exception", subjectsInformedAt = "subjects_informed_at", subjectsMessaged =
            "subjects_messaged",
            notNotifiedReason = "not_notified_reason", closedAt = "closed_at"
    }
}

/// `GET /v1/breaches`: the register, newest discovery first.
struct BreachRegister: Encodable, Sendable {
    var breaches: [BreachView]
}
