import Fluent
import Foundation
import SargsCore

/// What survives `anonymise` actions: how many people a rule anonymised with the same declared
/// non-identifying facts in a month. Counts, not a row per person, so that no row can be lined up
/// with one person's audit entry.
final class AnonymousCountModel: Model, @unchecked Sendable {
    static let schema = "anonymous_counts"

    @ID(key: .id) var id: UUID?
    @Field(key: "rule") var rule: String
    @Field(key: "purpose") var purpose: String
    /// The facts as a JSON object of strings with sorted keys (`{"collected_year":"2025","country":"LV"}`).
    @Field(key: "facts") var facts: String
    /// The month of the runs counted, `YYYY-MM`.
    @Field(key: "period") var period: String
    @Field(key: "count") var count: Int

    init() {}

    /// The JSON form of a set of facts, as stored and compared.
    static func encode(_ facts: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(facts), as: UTF8.self)
    }
}

/// One real retention run: who started it, when, how it ended, and what it did (counts only).
final class RetentionRunModel: Model, @unchecked Sendable {
    static let schema = "retention_runs"

    enum Status: String, Codable, Sendable {
        case running
        case completed
        /// The process stopped mid-run (killed, crashed); what it committed stands, the rest is redone by the next run.
        case interrupted
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "actor") var actor: String
    @Field(key: "status") var status: Status
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// The `RetentionRunSummary` as JSON, once the run completed.
    @OptionalField(key: "summary") var summary: String?

    init() {}

    init(actor: String, at time: Date) {
        self.id = UUID()
        self.actor = actor
        self.status = .running
        self.startedAt = time
    }
}
