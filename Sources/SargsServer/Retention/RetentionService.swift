import Fluent
import Foundation
import SargsCore
import SargsKit

/// Storage limitation (GDPR Art. 5(1)(e)) over the stored subjects: the report of what the
/// policy's retention rules make due on a day, computed by `RetentionPlanner`.
struct RetentionService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let subjectData: [any SubjectDataOwner]
    /// The company's datasets retention reaches (issue 25).
    let datasets: CompanyDatasets
    /// The processors a person retention leaves with nothing is erased at (issue 25).
    let externalSystems: ExternalSystems
    /// Where processors call back, among the server's settings.
    let settings: ServerSettings

    /// The most actions a report lists by default (its summary always counts them all).
    static let defaultLimit = 1_000

    /// The report for `asOf` (`YYYY-MM-DD`, today or later; default today), listing at most `limit` actions.
    func preview(asOf raw: String?, limit: Int?, on database: any Database) async throws -> RetentionReport {
        let rules = ruleSource.current
        let today = rules.localDay(serverClock.now)
        var asOf = today
        if let raw {
            guard let day = CivilDate(iso: raw) else { throw DomainError.invalid("as_of", "must be a date YYYY-MM-DD") }
            guard day >= today else {
                throw DomainError.invalid("as_of", "must be today or later: a preview looks ahead")
            }
            asOf = day
        }
        let limit = limit ?? Self.defaultLimit
        guard limit >= 1 else { throw DomainError.invalid("limit", "must be at least 1") }
        // The plan for a day is the plan at the last moment of that day.
        let moment =
            asOf == today
            ? serverClock.now : Date(timeIntervalSince1970: Double(asOf.adding(days: 1).dayNumber) * 86_400 - 1)
        return try await report(at: moment, asOf: asOf, limit: limit, on: database)
    }

    func report(at moment: Date, asOf: CivilDate, limit: Int, on database: any Database) async throws -> RetentionReport
    {
        let rules = ruleSource.current
        let planner = rules.retentionPlanner
        let language = rules.policy.authoritativeLanguage
        var report = RetentionReport(
            asOf: asOf, subjectsChecked: 0, actions: [], suspended: [], summary: [], truncated: false)
        var counts: [String: [RetentionRule.Action: Int]] = [:]
        let datasetCategories = Set(datasets.entries.flatMap { DatasetErasurePlan.categories(of: $0.dataset) })
        var datasetGroups: [Set<String>: Int] = [:]
        var after: UUID?
        while true {
            let chunk = try await RetentionQueries.liveSubjects(after: after, limit: databaseChunkSize, on: database)
            guard let last = chunk.last else { break }
            after = last
            for planned in try await RetentionQueries.planned(chunk, planner: planner, at: moment, on: database) {
                let subject = planned.subject
                report.subjectsChecked += 1
                if !planned.busy {
                    let removed = Set(
                        planned.plan.due.filter { $0.action != .archive }.map(\.category)
                    ).intersection(datasetCategories)
                    if !removed.isEmpty { datasetGroups[removed, default: 0] += 1 }
                }
                for verdict in planned.plan.verdicts {
                    let ended = verdict.keptUntil.map { $0 < asOf } ?? false
                    if verdict.held, ended {
                        report.suspend(
                            .init(subjectID: subject.wire, category: verdict.category, reason: .legalHold), limit: limit
                        )
                        continue
                    }
                    guard verdict.due else { continue }
                    if planned.busy {
                        report.suspend(
                            .init(subjectID: subject.wire, category: verdict.category, reason: .openRequest),
                            limit: limit)
                        continue
                    }
                    counts[verdict.rule ?? "", default: [:]][verdict.action, default: 0] += 1
                    if report.actions.count < limit {
                        report.actions.append(
                            .init(
                                subjectID: subject.wire, category: verdict.category, action: verdict.action,
                                keptUntil: verdict.keptUntil, rule: verdict.rule, purpose: verdict.purpose,
                                law: verdict.law?.text(in: language),
                                archiveFor: verdict.action == .archive ? verdict.archiveFor : nil))
                    } else {
                        report.truncated = true
                    }
                }
            }
        }
        if !datasets.entries.isEmpty { report.datasets = Self.datasetEffects(datasetGroups, datasets: datasets) }
        report.summary = counts.keys.sorted().flatMap { rule in
            counts[rule]!.keys.sorted().map {
                RetentionReport.Count(rule: rule, action: $0, count: counts[rule]![$0]!)
            }
        }
        return report
    }

    /// What the groups of categories would do in each dataset, from the same plan a run uses.
    static func datasetEffects(
        _ groups: [Set<String>: Int], datasets: CompanyDatasets
    ) -> [RetentionReport.DatasetEffect] {
        datasets.entries.flatMap { entry in
            groups.keys.sorted { $0.sorted().lexicographicallyPrecedes($1.sorted()) }.compactMap { categories in
                let plan = DatasetErasurePlan(entry.dataset, erasing: categories)
                guard plan.acts else { return nil }
                var emptied: [String] = []
                var deleted: [String] = []
                for collection in plan.collections {
                    switch collection.action {
                    case .deleteRows: deleted.append(collection.name)
                    case .emptyFields(let fields): emptied += fields.map { "\(collection.name).\($0)" }
                    case .none: break
                    }
                }
                return RetentionReport.DatasetEffect(
                    dataset: entry.system, categories: categories.sorted(), subjects: groups[categories] ?? 0,
                    emptied: emptied, deleted: deleted)
            }
        }
    }
}
