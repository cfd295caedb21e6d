import Foundation

extension Wire {
    /// `RetentionRun`: what a real retention run did, counts only.
    struct RetentionRun: Decodable, Sendable {
        struct Count: Decodable, Sendable, Equatable {
            let rule: String
            let action: String
            let count: Int
        }

        let id: UUID
        let actor: String
        let status: String
        let startedAt: Date
        let finishedAt: Date?
        let subjectsChecked: Int
        let actions: [Count]
        let subjectsShredded: Int
        let anonymised: Int
        let suspendedForOpenRequests: Int
        let renewalReminders: Int
        let restored: Int

        enum CodingKeys: String, CodingKey {
            case id, actor, status, startedAt = "started_at", finishedAt = "finished_at", subjectsChecked =
                "subjects_checked", actions
            case subjectsShredded = "subjects_shredded", anonymised = "anonymised"
            case suspendedForOpenRequests = "suspended_for_open_requests", renewalReminders = "renewal_reminders",
                restored
        }

        /// `rule action count` per line of the summary, for compact expectations.
        var counts: [String] { actions.map { "\($0.rule) \($0.action) \($0.count)" } }
    }

    /// `RetentionRunList`: the latest runs, newest first.
    struct RetentionRunList: Decodable, Sendable {
        let runs: [RetentionRun]
    }
}
