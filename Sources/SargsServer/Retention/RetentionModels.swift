import Fluent
import Foundation
import SargsCore

/// What survives an `anonymise` action: the rule's declared non-identifying facts, under a random
/// id with no link to the subject, and the day of the run that wrote it.
final class AnonymousRecordModel: Model, @unchecked Sendable {
    static let schema = "anonymous_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "rule") var rule: String
    @Field(key: "purpose") var purpose: String
    /// The facts as a JSON object of strings (`{"country":"LV","collected_year":"2025"}`).
    @Field(key: "facts") var facts: String
    @Field(key: "recorded_on") var recordedOn: CivilDate

    init() {}

    init(rule: String, purpose: String, facts: [String: String], on day: CivilDate) throws {
        self.rule = rule
        self.purpose = purpose
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.facts = String(decoding: try encoder.encode(facts), as: UTF8.self)
        self.recordedOn = day
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

/// A named lease on a job (`retention`): held by one process at a time, renewed while it works,
/// taken over once it expires or, on the same host, once its holder's process is gone.
final class JobLeaseModel: Model, @unchecked Sendable {
    static let schema = "job_leases"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "holder") var holder: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}
