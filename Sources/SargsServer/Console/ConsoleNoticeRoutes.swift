import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/notices`: the Art. 14 notices due to people whose data came from elsewhere — those
/// with no e-mail address wait for staff to post the notice and record it — and those sent.
struct ConsoleNoticeRoutes: Sendable {
    let notices: IndirectCollectionNotices
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        console.get("notices", use: list)
        console.post("notices", ":subjectID", "posted", use: posted)
    }

    struct Row: Encodable, Sendable {
        var subject: String
        var sourceKey: String
        var date: String
        var overdue: Bool
    }

    struct ListPage: Encodable, Sendable {
        var due: [Row]
        var hasDue: Bool
        var sent: [Row]
        var hasSent: Bool
    }

    func page(_ request: Request) async throws -> ListPage {
        let (due, sent) = try await notices.overview(on: request.db)
        let today = notices.ruleSource.current.localDay(notices.serverClock.now)
        let dueRows = try due.map { subject in
            Row(
                subject: try subject.requireID().wire,
                sourceKey: "console.notices.from.\(subject.obtainedFrom ?? "third_party")",
                date: subject.noticeDueOn.map(ConsoleFormat.day) ?? "", overdue: (subject.noticeDueOn ?? today) < today)
        }
        let sentRows = try sent.map { subject in
            Row(
                subject: try subject.requireID().wire,
                sourceKey: "console.notices.from.\(subject.obtainedFrom ?? "third_party")",
                date: subject.noticeSentAt.map(ConsoleFormat.time) ?? "", overdue: false)
        }
        return ListPage(due: dueRows, hasDue: !dueRows.isEmpty, sent: sentRows, hasSent: !sentRows.isEmpty)
    }

    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsDecide)
        return try await pages.render(
            "console-notices", title: "console.notices.title", try await page(request), request)
    }

    @Sendable
    func posted(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .requestsDecide)
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        try await notices.recordPosted(
            try request.parameters.require("subjectID", as: UUID.self, field: "id"), actor: principal.actor,
            on: request.db)
        return request.redirect(to: "/console/notices", redirectType: .normal)
    }
}
