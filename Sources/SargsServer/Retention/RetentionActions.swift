import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Carries out what `RetentionPlanner` makes due for one chunk of subjects, inside the caller's
/// transaction, with set-based writes: a subject is either fully processed or, if the transaction
/// does not commit, untouched. The plan is made from the rows read in the same transaction, so a
/// run that is interrupted and started again finds nothing left to do for subjects already processed.
///
/// - `delete`: the category's sealed values are destroyed (and the columns derived from them);
/// - `anonymise`: the same, after the rule's `keep` facts are derived and counted (per rule, facts
///   and month) with no link to the subject;
/// - `archive`: the values stay, readable only for the purposes still keeping them (and become
///   live again when the ground that ended runs again);
/// - a subject left with no value at all is crypto-shredded and a tombstone written, as erasure does.
/// Legal holds suspend every action (the planner) and nothing of a subject with an open
/// data-subject request is touched.
struct RetentionActions: Sendable {
    let planner: RetentionPlanner
    let vault: SubjectVault
    /// What each feature holds about a subject, for those crypto-shredded.
    let owners: [any SubjectDataOwner]
    let actor: String

    /// Asks for consent renewals before the actions, when the policy wants it.
    let reminders: ConsentRenewalReminders?
    /// Where what retention removes is queued for the company's datasets (nil: none named).
    var datasets: DatasetErasureQueue.Recorder? = nil

    func apply(
        _ chunk: [UUID], at now: Date, on database: any Database
    ) async throws -> (RetentionChunkResult, [AuditChain.Draft]) {
        let planned = try await RetentionQueries.planned(chunk, planner: planner, at: now, on: database)
        let facts = Dictionary(uniqueKeysWithValues: planned.map { ($0.subject, $0.facts) })
        var result = RetentionChunkResult()
        var drafts: [AuditChain.Draft] = []
        if let reminders {
            let (sent, entries) = try await reminders.send(facts, at: now, on: database)
            result.renewalReminders = sent
            drafts += entries
        }
        var removed: [String: [UUID]] = [:]
        var archived: [ArchiveKey: [UUID]] = [:]
        var anonymising: [UUID: [RetentionVerdict]] = [:]
        var emptied: [UUID] = []
        var restored: [UUID: [String]] = [:]
        for entry in planned {
            let (subject, plan) = (entry.subject, entry.plan)
            result.subjectsChecked += 1
            let due = plan.due
            let restoring = plan.verdicts.filter(\.unarchive).map(\.category)
            guard !due.isEmpty || !restoring.isEmpty else { continue }
            if entry.busy {
                result.suspended += 1
                continue
            }
            for verdict in due {
                result.counts[.init(rule: verdict.rule ?? "", action: verdict.action), default: 0] += 1
                switch verdict.action {
                case .delete: removed[verdict.category, default: []].append(subject)
                case .anonymise:
                    removed[verdict.category, default: []].append(subject)
                    anonymising[subject, default: []].append(verdict)
                case .archive:
                    archived[ArchiveKey(category: verdict.category, readers: verdict.archiveFor), default: []].append(
                        subject)
                }
            }
            if plan.removesEverything { emptied.append(subject) }
            drafts += Self.auditEntries(for: subject, due, actor: actor, at: now)
            if !restoring.isEmpty {
                restored[subject] = restoring
                result.restored += restoring.count
                drafts.append(
                    AuditChain.Draft(
                        time: now, actor: actor, action: .retentionRestore, subjectID: subject, categories: restoring,
                        result: "ok"))
            }
        }
        result.datasetGroups = try await datasets?.record(removed, shredded: emptied, at: now, on: database) ?? 0
        let counted = try await anonymousFacts(anonymising, facts: facts, at: now, on: database)
        result.anonymised = counted.values.reduce(0, +)
        try await Self.count(counted, period: String(DecisionEngine.civilDate(now).description.prefix(7)), on: database)
        for (category, subjects) in removed {
            try await DataItemModel.query(on: database).filter(\.$subjectID ~~ subjects).filter(\.$category == category)
                .delete()
        }
        try await ErasureService.clearDerivedColumns(removed, on: database)
        for (key, subjects) in archived {
            try await DataItemModel.query(on: database).filter(\.$subjectID ~~ subjects).filter(
                \.$category == key.category
            )
            .set(\.$archivedFor, to: DataItemModel.archiveColumn(key.readers)).update()
        }
        for (subject, categories) in restored {
            try await DataItemModel.query(on: database).filter(\.$subjectID == subject).filter(
                \.$category ~~ categories
            )
            .set(\.$archivedFor, to: nil).update()
        }
        if !emptied.isEmpty {
            try await ErasureService.shredSubjects(emptied, owners: owners, at: now, on: database)
            result.shredded = emptied.count
            drafts += emptied.map {
                AuditChain.Draft(time: now, actor: actor, action: .retentionShred, subjectID: $0, result: "ok:shredded")
            }
        }
        return (result, drafts)
    }

    struct ArchiveKey: Hashable {
        var category: String
        var readers: [String]
    }

    /// One entry per action and rule: the categories, the purpose behind the rule, the rule's id.
    static func auditEntries(
        for subject: UUID, _ due: [RetentionVerdict], actor: String, at now: Date
    ) -> [AuditChain.Draft] {
        struct Group: Hashable { var action: RetentionRule.Action, rule: String }
        let groups = Dictionary(grouping: due) { Group(action: $0.action, rule: $0.rule ?? "") }
        return groups.keys.sorted { ($0.action, $0.rule) < ($1.action, $1.rule) }.map { key in
            let verdicts = groups[key]!
            let first = verdicts[0]
            let readers = first.action == .archive ? ";for=" + first.archiveFor.joined(separator: ",") : ""
            return AuditChain.Draft(
                time: now, actor: actor, action: .retention(first.action), subjectID: subject, purpose: first.purpose,
                categories: verdicts.map(\.category).sorted(), result: "ok:rule=\(first.rule ?? "none")\(readers)")
        }
    }

    /// What an anonymisation keeps, counted: one per subject and rule, holding only the rule's
    /// `keep` facts, derived from values opened here and never stored.
    func anonymousFacts(
        _ anonymising: [UUID: [RetentionVerdict]], facts: [UUID: RetentionFacts], at now: Date,
        on database: any Database
    ) async throws -> [AnonymousKey: Int] {
        guard !anonymising.isEmpty else { return [:] }
        let subjects = try await SubjectModel.query(on: database).filter(\.$id ~~ Array(anonymising.keys)).all()
        let today = DecisionEngine.civilDate(now)
        var counted: [AnonymousKey: Int] = [:]
        for subject in subjects {
            let id = try subject.requireID()
            guard let verdicts = anonymising[id] else { continue }
            let needed = verdicts.flatMap(\.keep)
            var values: [String: String] = [:]
            if needed.contains(where: { $0 == .yearOfBirth || $0 == .ageBand || $0 == .country }) {
                for (item, value) in try await vault.open(
                    subject, categories: AnonymousFact.sourceCategories, on: database)
                {
                    values[item.category] = value
                }
            }
            let items = facts[id]?.items ?? []
            for (rule, group) in Dictionary(grouping: verdicts, by: { $0.rule ?? "" }) {
                let categories = Set(group.map(\.category))
                let collectedAt = items.filter { categories.contains($0.category) }.map(\.collectedAt).min() ?? now
                let source = AnonymousFact.Source(
                    values: values, country: subject.country, language: subject.language, collectedAt: collectedAt)
                let key = AnonymousKey(
                    rule: rule, purpose: group[0].purpose ?? "",
                    facts: try AnonymousCountModel.encode(
                        AnonymousFact.derive(group[0].keep, from: source, today: today)))
                counted[key, default: 0] += 1
            }
        }
        return counted
    }

    /// One combination of rule, purpose and kept facts.
    struct AnonymousKey: Hashable {
        var rule: String
        var purpose: String
        var facts: String
    }

    /// Adds the counts to the month's rows, creating those that do not exist yet.
    static func count(_ counted: [AnonymousKey: Int], period: String, on database: any Database) async throws {
        guard !counted.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { throw JobLease.JobLeaseError.notSQL }
        for (key, count) in counted {
            try await sql.raw(
                """
                INSERT INTO \(ident: AnonymousCountModel.schema) (id, rule, purpose, facts, period, count)
                VALUES (
                    \(bind: UUID()), \(bind: key.rule), \(bind: key.purpose), \(bind: key.facts), \(bind: period),
                    \(bind: count)
                )
                ON CONFLICT (rule, purpose, facts, period)
                DO UPDATE SET count = \(ident: AnonymousCountModel.schema).count + excluded.count
                """
            ).run()
        }
    }
}
