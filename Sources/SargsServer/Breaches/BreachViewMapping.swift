import Fluent
import Foundation
import SargsCore
import SargsKit

/// A breach as the register shows it (shared by the API and the console).
extension BreachService {
    func view(_ breach: BreachModel, on database: any Database) async throws -> BreachView {
        let rules = ruleSource.current
        let id = try breach.requireID()
        let dueAt = deadline.map { self.due($0, breach.discoveredAt) }
        let overdue =
            breach.authorityNotifiedAt == nil && breach.closedAt == nil && dueAt.map { $0 < serverClock.now } == true
        let status = breach.closedAt != nil ? "closed" : (breach.authorityNotifiedAt != nil ? "notified" : "open")
        let authority =
            JurisdictionProfile.resolve(rules.policy.jurisdiction).authority ?? rules.policy.supervisoryAuthority
        return BreachView(
            id: id.wire, status: status, discoveredAt: breach.discoveredAt, recordedAt: breach.recordedAt,
            nature: try open(breach.nature, "nature", id),
            categories: breach.categoryKeys, approximateSubjects: breach.approximateSubjects,
            approximateRecords: breach.approximateRecords,
            consequences: try open(breach.consequences, "consequences", id),
            measures: try open(breach.measures, "measures", id),
            affectedSubjects: try await BreachSubjectModel.query(on: database).filter(\.$breachID == id).count(),
            authority: authority.map {
                "\($0.name.text(in: rules.policy.authoritativeLanguage, fallback: rules.policy.authoritativeLanguage))"
                    + " (\($0.website))"
            },
            authorityDeadline: dueAt, overdue: overdue, authorityNotifiedAt: breach.authorityNotifiedAt,
            delayReasons: try breach.delayReasons.map { try open($0, "delay_reasons", id) }, highRisk: breach.highRisk,
            subjectsException: breach.subjectsException?.rawValue, subjectsInformedAt: breach.subjectsInformedAt,
            subjectsMessaged: breach.subjectsMessaged,
            notNotifiedReason: try breach.notNotifiedReason.map { try open($0, "not_notified_reason", id) },
            closedAt: breach.closedAt)
    }
}
