import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Manual systems (issue 25): a system with no API is handed to its owner, who receives a signed
/// link (naming no one), opens the person's identities behind it, does the work and confirms it.
/// The request waits for the confirmation; the console shows whose task is late.
extension RequestService {
    /// What the owner's page shows: never stored, opened from the sealed row when the link is used.
    struct SystemTask: Sendable {
        var system: String
        var type: RequestType
        var due: Date?
        /// The person's identities: `email`, `phone_number` or `external_id`, and the value.
        var identities: [Identity]

        struct Identity: Sendable {
            var kind: String
            var value: String
        }
        var corrections: [String: String]
        var done: Bool
    }

    /// The owner's link to a manual system's part: the row's id sealed.
    static let taskLink = SealedIDLink(context: "system-task|v1")

    /// Hands the part to the owner: the task message with its link, and the day to confirm by.
    func handOver(_ system: CompanySystem, row: UUID, request: RequestModel, at now: Date) throws -> SystemStep {
        guard let manual = system.manual else {
            throw OpenDSRError.protocolViolation("the system '\(system.id)' is not a manual system")
        }
        let rules = ruleSource.current
        let due = now.addingTimeInterval(TimeInterval(manual.days) * 86_400)
        let link = "\(settings.publicURL)/tasks/\(try Self.taskLink.token(for: row, master: keys.master))"
        let messages = try RequestMessages(policy: rules.policy, language: rules.policy.authoritativeLanguage)
        let message = messages.systemTask(type: request.type, system: system.id, link: link, due: rules.localDay(due))
        return .waiting(due: due, progress: nil, task: OwnerTask(address: manual.owner, message: message))
    }

    /// The task behind a link; `DomainError.linkExpired` when the link was altered, or its request
    /// is no longer open.
    func task(_ token: String?, on database: any Database) async throws -> SystemTask {
        let (row, request) = try await taskRow(token, on: database)
        var identities: [SystemTask.Identity] = []
        var corrections: [String: String] = [:]
        if row.status == .waiting {
            let work = try SystemWork.open(row.work, request: row.requestID, system: row.system, master: keys.master)
            identities = work.identities.keys.sorted().flatMap { kind in
                (work.identities[kind] ?? []).map { SystemTask.Identity(kind: kind, value: $0) }
            }
            corrections = work.corrections ?? [:]
        }
        return SystemTask(
            system: row.system, type: request.type, due: row.dueAt, identities: identities, corrections: corrections,
            done: row.status == .done)
    }

    /// The owner confirms the work: the system is done with the records they counted, audited in
    /// the owner's name; the request completes if it was the last system. A second confirmation
    /// changes nothing.
    func confirmTask(_ token: String?, records: Int, on database: any Database) async throws -> SystemTask {
        guard (0...1_000_000).contains(records) else {
            throw DomainError.invalid("records", "must be a whole number from 0 to 1000000")
        }
        let (row, request) = try await taskRow(token, on: database)
        if row.status == .waiting {
            let id = try row.requireID()
            let now = serverClock.now
            let outcome = String(
                decoding: try JSONEncoder().encode(
                    SystemOutcome(collections: [], kept: nil, confirmed: "by the system's owner")),
                as: UTF8.self)
            let (system, subjectID) = (row.system, request.subjectID)
            let empty = Data()
            try await store.write(on: database) { database in
                // Claimed on `waiting`: a second confirmation sent at the same moment changes nothing.
                let claimed = try await JobLease.sql(database).raw(
                    """
                    UPDATE \(ident: RequestSystemModel.schema) SET status = \(bind: RequestSystemModel.Status.done),
                    rows = \(bind: records), outcome = \(bind: outcome), work = \(bind: empty),
                    updated_at = \(bind: now)
                    WHERE id = \(bind: id) AND status = \(bind: RequestSystemModel.Status.waiting) RETURNING id
                    """
                ).first()
                guard claimed != nil else { return ((), []) }
                return (
                    (),
                    [
                        AuditChain.Draft(
                            time: now, actor: "owner:\(system)", action: .requestSystem, subjectID: subjectID,
                            result: AuditResult.ok(system, "rows=\(records)"))
                    ]
                )
            }
            try await completeIfEverySystemIsDone(row.requestID, on: database)
        }
        return try await task(token, on: database)
    }

    private func taskRow(
        _ token: String?, on database: any Database
    ) async throws -> (RequestSystemModel, RequestModel) {
        guard let id = Self.taskLink.id(from: token, master: keys.master),
            let row = try await RequestSystemModel.find(id, on: database),
            externalSystems.manualSystem(row.system) != nil
        else { throw DomainError.linkExpired }
        let request = try await RequestQueries.find(row.requestID, on: database)
        guard request.status == .inProgress || row.status == .done else { throw DomainError.linkExpired }
        return (row, request)
    }
}
