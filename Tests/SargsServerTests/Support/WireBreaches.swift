import Foundation

extension Wire {
    /// `Breach`: one entry of the breach register.
    struct Breach: Decodable, Sendable {
        let id: UUID
        let status: String
        let discoveredAt: Date
        let nature: String
        let categories: [String]
        let affectedSubjects: Int
        let authority: String?
        let authorityDeadline: Date?
        let overdue: Bool
        let authorityNotifiedAt: Date?
        let delayReasons: String?
        let highRisk: Bool?
        let subjectsException: String?
        let subjectsMessaged: Int
        let notNotifiedReason: String?

        enum CodingKeys: String, CodingKey {
            case id, status, discoveredAt = "discovered_at", nature, categories, affectedSubjects = "affected_subjects",
                authority,
                authorityDeadline = "authority_deadline", overdue, authorityNotifiedAt = "authority_notified_at",
                delayReasons = "delay_reasons", highRisk = "high_risk", subjectsException = "subjects_exception",
                subjectsMessaged = "subjects_messaged", notNotifiedReason = "not_notified_reason"
        }
    }

    /// `BreachRegister`: every breach, newest discovery first.
    struct BreachRegister: Decodable, Sendable {
        let breaches: [Breach]
    }
}
