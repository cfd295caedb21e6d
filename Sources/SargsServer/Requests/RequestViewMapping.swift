import Fluent
import Foundation
import SargsCore
import SargsKit

/// A request as the API shows it (shared by the API and the console).
extension RequestStore {
    /// The API view; with `detail` the history, recipients told and messages sent.
    static func view(
        _ request: RequestModel, detail: Bool, master: MasterKey, today: CivilDate, now: Date,
        systems target: (String) -> SystemTarget?, on database: any Database
    ) async throws -> RequestView {
        let id = try request.requireID()
        var view = RequestView(
            id: id.wire, type: request.type.rawValue, status: request.status.rawValue,
            subjectId: request.subjectID?.wire,
            channel: request.channel.rawValue, language: request.language, receivedOn: request.receivedOn.description,
            dueOn: request.dueOn.description, latestDueOn: request.latestDueOn?.description,
            invalidNoticeDueOn: request.invalidNoticeDueOn.description,
            signatureRequired: request.signatureRequired?.rawValue, extended: request.extended,
            overdue: request.isOverdue(today: today), pausedDays: request.pausedDays, outcome: request.outcomeValue)
        guard detail else { return view }
        view.letter = openLetter(request, master: master).map {
            RequestView.Letter(language: $0.language, subject: $0.subject, body: $0.body)
        }
        let events = try await RequestEventModel.query(on: database).filter(\.$requestID == id).sort(\.$at).all()
        view.events = events.map {
            RequestView.Event(
                action: $0.action.rawValue, status: $0.status.rawValue, actor: $0.actor, at: $0.at,
                note: $0.note.flatMap { openNote($0, request: id, master: master) })
        }
        let messages = try await OutboxMessageModel.query(on: database).filter(\.$requestID == id).sort(\.$createdAt)
            .all()
        view.messages = messages.map {
            RequestView.MessageStatus(
                kind: $0.kind.rawValue, topic: $0.topic, attempts: $0.attempts, deliveredAt: $0.deliveredAt,
                failedAt: $0.failedAt, lastError: $0.lastError)
        }
        let byID = Dictionary(uniqueKeysWithValues: messages.compactMap { message in message.id.map { ($0, message) } })
        let notices = try await RecipientNoticeModel.query(on: database).filter(\.$requestID == id).sort(\.$recipient)
            .all()
        view.recipients = notices.map { notice in
            let message = notice.outboxID.flatMap { byID[$0] }
            return RequestView.RecipientStatus(
                recipient: notice.recipient, method: notice.method.rawValue, deliveredAt: message?.deliveredAt,
                confirmedAt: notice.confirmedAt, failed: message?.failedAt != nil)
        }
        let systems = try await RequestSystemModel.query(on: database).filter(\.$requestID == id).sort(\.$system).all()
        view.systems =
            systems.isEmpty
            ? nil
            : systems.map {
                RequestView.SystemStatus($0, target: target($0.system), at: now)
            }
        return view
    }
}

extension RequestView.SystemStatus {
    init(_ row: RequestSystemModel, target: SystemTarget?, at now: Date) {
        let outcome = row.outcome.flatMap { try? JSONDecoder().decode(SystemOutcome.self, from: Data($0.utf8)) }
        let kind: String
        var owner: String?
        switch target {
        case .dataset: kind = "dataset"
        case .processor: kind = "processor"
        case .manual(let system):
            kind = "manual"
            owner = system.manual?.owner
        case nil: kind = "unknown"
        }
        let waiting = row.status == .waiting
        self.init(
            system: row.system, kind: kind, status: row.status.rawValue, rows: row.rows, failure: row.failure,
            attempts: row.attempts, updatedAt: row.updatedAt,
            collections: outcome?.collections.map {
                .init(
                    name: $0.name, rows: $0.rows, action: $0.action, emptied: $0.emptied, kept: $0.kept,
                    rectified: $0.rectified)
            },
            kept: outcome?.kept?.map {
                .init(field: $0.field, category: $0.category, grounds: $0.grounds, until: $0.until)
            },
            dueAt: waiting ? row.dueAt : nil, late: waiting ? row.dueAt.map { $0 < now } ?? false : nil,
            progress: row.progress, owner: owner, retryAt: row.status == .failed ? row.retryAt : nil,
            note: outcome?.restriction ?? outcome?.confirmed
                ?? (outcome?.processor == "no identity to send" ? outcome?.processor : nil),
            resolution: outcome?.resolution?.rawValue, resolvedBy: outcome?.resolvedBy)
    }
}
