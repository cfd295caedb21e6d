import Foundation
import SargsCore

/// What a real retention run did: counts only, never a personal value.
public struct RetentionRunSummary: Sendable, Codable, Equatable {
    /// How many categories of how many subjects one rule acted on, with one action.
    public struct Count: Sendable, Codable, Hashable {
        public var rule: String
        public var action: RetentionRule.Action
        public var count: Int
    }

    public var id: String
    public var actor: String
    public var status: String
    public var startedAt: Date
    public var finishedAt: Date?
    /// Subjects holding stored data that were planned.
    public var subjectsChecked: Int
    /// Actions carried out, per rule and action (categories of subjects).
    public var actions: [Count]
    /// Subjects left with nothing, crypto-shredded (their tombstones written).
    public var subjectsShredded: Int
    /// People anonymised (one per subject and rule), added to the anonymous counts.
    public var anonymised: Int
    /// Subjects with a due action left alone because a data-subject request about them is open.
    public var suspendedForOpenRequests: Int
    /// Categories whose archive was lifted because the ground that ended runs again.
    public var restored: Int
    /// E-mails asking subjects to renew a consent nearing its maximum period (`rules.consent_renewal_days`).
    public var renewalReminders: Int
    /// What the run did in the company's datasets (issue 25); nil when the policy names none.
    public var datasets: [DatasetCount]? = nil

    /// One dataset's part of a run: rows emptied or deleted, and groups of subjects that failed
    /// there (carried out by the next run).
    public struct DatasetCount: Sendable, Codable, Hashable {
        public var dataset: String
        public var rows: Int
        public var failedGroups: Int

        enum CodingKeys: String, CodingKey { case dataset, rows, failedGroups = "failed_groups" }
    }

    /// Adds what the datasets did for one chunk.
    mutating func add(datasets counts: [DatasetCount]) {
        guard !counts.isEmpty else { return }
        var merged = Dictionary(uniqueKeysWithValues: (datasets ?? []).map { ($0.dataset, $0) })
        for count in counts {
            merged[count.dataset, default: DatasetCount(dataset: count.dataset, rows: 0, failedGroups: 0)].rows +=
                count.rows
            merged[count.dataset]!.failedGroups += count.failedGroups
        }
        datasets = merged.values.sorted { $0.dataset < $1.dataset }
    }

    enum CodingKeys: String, CodingKey {
        case id, actor, status, startedAt = "started_at", finishedAt = "finished_at", subjectsChecked =
            "subjects_checked", actions
        case subjectsShredded = "subjects_shredded", anonymised = "anonymised"
        case suspendedForOpenRequests = "suspended_for_open_requests", renewalReminders = "renewal_reminders", restored
        case datasets
    }

    /// Adds one chunk's work.
    mutating func add(_ chunk: RetentionChunkResult) {
        subjectsChecked += chunk.subjectsChecked
        subjectsShredded += chunk.shredded
        anonymised += chunk.anonymised
        suspendedForOpenRequests += chunk.suspended
        renewalReminders += chunk.renewalReminders
        restored += chunk.restored
        struct Key: Hashable { var rule: String, action: RetentionRule.Action }
        var merged = Dictionary(uniqueKeysWithValues: actions.map { (Key(rule: $0.rule, action: $0.action), $0) })
        for (key, count) in chunk.counts {
            merged[
                Key(rule: key.rule, action: key.action), default: Count(rule: key.rule, action: key.action, count: 0)
            ]
            .count += count
        }
        actions = merged.values.sorted { ($0.rule, $0.action) < ($1.rule, $1.action) }
    }
}

/// One chunk's work, committed with it.
struct RetentionChunkResult: Sendable {
    struct Key: Hashable, Sendable {
        var rule: String
        var action: RetentionRule.Action
    }

    var subjectsChecked = 0
    var counts: [Key: Int] = [:]
    var shredded = 0
    var anonymised = 0
    var suspended = 0
    var renewalReminders = 0
    var restored = 0
    /// Groups of subjects recorded for the datasets.
    var datasetGroups = 0
}
