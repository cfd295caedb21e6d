import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Retention carried into the company's datasets (issue 25): what a committed chunk removed from
/// the vault is emptied (or its rows deleted) in every dataset holding the same categories, one
/// set-based search and one transaction per dataset and group of subjects. A dataset that fails
/// keeps its group for the next run; the others are not held back.
extension RetentionService {
    /// Carries out every recorded group; returns what each dataset did.
    func carryOutDatasetWork(
        actor: String, on database: any Database
    ) async throws -> [RetentionRunSummary.DatasetCount] {
        guard !datasets.entries.isEmpty else { return [] }
        var counts: [String: RetentionRunSummary.DatasetCount] = [:]
        for work in try await RetentionDatasetWorkModel.query(on: database).sort(\.$createdAt).all() {
            let id = try work.requireID()
            let identities = try JSONDecoder().decode(
                [String: [String]].self,
                from: try Vault.openService(
                    work.identities, context: RetentionDatasetWorkModel.context(id), with: keys.master))
            var done = work.doneSet
            var failures: [String] = []
            var drafts: [AuditChain.Draft] = []
            for entry in datasets.entries where !done.contains(entry.system) {
                let plan = DatasetErasurePlan(entry.dataset, erasing: work.categorySet)
                do {
                    let rows = plan.acts ? try await erase(plan, for: identities, in: entry) : 0
                    counts[entry.system, default: .init(dataset: entry.system, rows: 0, failedGroups: 0)].rows += rows
                    done.insert(entry.system)
                    drafts.append(
                        AuditChain.Draft(
                            time: serverClock.now, actor: actor, action: .retentionDataset,
                            categories: work.categorySet.sorted(),
                            result: AuditResult.ok(entry.system, "subjects=\(work.subjects);rows=\(rows)")))
                } catch {
                    counts[entry.system, default: .init(dataset: entry.system, rows: 0, failedGroups: 0)]
                        .failedGroups += 1
                    failures.append("\(entry.system): \(SystemFailure(error).description)")
                    drafts.append(
                        AuditChain.Draft(
                            time: serverClock.now, actor: actor, action: .retentionDataset,
                            categories: work.categorySet.sorted(), result: "failed:\(entry.system)"))
                }
            }
            let finished = failures.isEmpty
            let (doneText, failureText) = (done.sorted().joined(separator: ","), failures.joined(separator: "; "))
            let entries = drafts
            try await store.write(on: database, deleting: finished ? .securely : .none) { database in
                if finished {
                    try await RetentionDatasetWorkModel.query(on: database).filter(\.$id == id).delete()
                } else {
                    try await RetentionDatasetWorkModel.query(on: database).filter(\.$id == id)
                        .set(\.$done, to: doneText).set(\.$failure, to: failureText)
                        .set(\.$attempts, to: work.attempts + 1).update()
                }
                return ((), entries)
            }
        }
        return counts.values.sorted { $0.dataset < $1.dataset }
    }

    /// One group in one dataset: a single search for every subject's identities, then the plan's
    /// fields emptied (or rows deleted) in one transaction. Returns the rows changed.
    private func erase(
        _ plan: DatasetErasurePlan, for identities: [String: [String]], in entry: CompanyDatasets.Entry
    ) async throws -> Int {
        guard let url = entry.url else {
            throw ExternalDatabase.Failure(
                "the connection variable \(entry.reference.connection) is not set in Sargs' environment")
        }
        let connector = SQLDatasetConnector(dataset: entry.dataset)
        return try await ExternalDatabase.with(url: url) { database, sql, _ in
            let found = try await connector.find(identities: identities, sql: sql)
            let outcome = try await connector.erase(SystemWork.ErasureSpec(plan), found: found, database: database)
            // Rows changed: the collections whose rows were emptied or deleted, not those only searched.
            return outcome.collections.filter { $0.action == "deleted" || $0.action == "emptied" }.map(\.rows)
                .reduce(0, +)
        }
    }

    /// Groups recorded and not yet carried out everywhere (a dataset that failed), for the console.
    func pendingDatasetWork(on database: any Database) async throws -> Int {
        try await RetentionDatasetWorkModel.query(on: database).count()
    }
}
