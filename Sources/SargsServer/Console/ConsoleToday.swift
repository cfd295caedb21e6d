import Fluent
import Foundation
import SargsCore
import SargsKit

/// What the Today page shows: open requests by due date, the requests waiting for verification or
/// a signature, breaches with their 72-hour clock, what the next retention run would do, and
/// messages that could not be delivered. Each part is read through the feature's own service.
struct ConsoleToday: Sendable {
    let context: SargsContext
    let requests: RequestService
    let breaches: BreachService
    let retention: RetentionService

    struct Summary: Encodable, Sendable {
        var rows: [ConsoleRequestRow]
        var openTotal: Int
        var overdue: Int
        var unverified: Int
        var awaitingSignature: Int
        var breaches: [BreachRow]?
        var retention: [RetentionCount]?
        var retentionSubjects: String?
        var outboxFailures: Int
        var showsOutbox = false
    }

    /// The summary as the template reads it: Leaf tests only for nil and false (an empty list is
    /// true), so each condition the page needs is a stored flag.
    struct Page: Encodable, Sendable {
        let summary: Summary
        let rows: [ConsoleRequestRow]
        let hasRows: Bool
        let hasOverdue: Bool
        let hasOutboxFailures: Bool
        let showsBreaches: Bool
        let hasBreaches: Bool
        let showsRetention: Bool
        let hasRetention: Bool

        init(_ summary: Summary) {
            self.summary = summary
            rows = summary.rows
            hasRows = !summary.rows.isEmpty
            hasOverdue = summary.overdue > 0
            hasOutboxFailures = summary.outboxFailures > 0
            showsBreaches = summary.breaches != nil
            hasBreaches = !(summary.breaches ?? []).isEmpty
            showsRetention = summary.retention != nil
            hasRetention = !(summary.retention ?? []).isEmpty
        }
    }

    struct BreachRow: Encodable, Sendable {
        var id: String
        var nature: String
        var status: String
        var deadline: String?
        /// Hours left to tell the authority, while it has not been told.
        var hoursLeft: String?
        var overdue: Bool
    }

    struct RetentionCount: Encodable, Sendable {
        /// The wording key of the action.
        var key: String
        var count: Int
    }

    /// The summary for `principal`: parts the member may not see are left out (nil).
    func summary(for principal: Principal, on database: any Database) async throws -> Summary {
        let rules = context.rules
        let open = try await requests.list(
            .init(status: .open, type: nil, overdue: false, limit: 20, offset: nil), on: database)
        let counts = try await requests.counts(on: database)
        let today = rules.localDay(context.clock.now)
        var summary = Summary(
            rows: try await ConsoleRequestRow.rows(open.requests, today: today, requests: requests, on: database),
            openTotal: counts.open, overdue: counts.overdue, unverified: counts.unverified,
            awaitingSignature: counts.awaitingSignature,
            outboxFailures: try await OutboxQueries.failedCount(on: database),
            showsOutbox: principal.may(.requestsDecide))
        if principal.may(.breachesManage) {
            let now = context.clock.now
            summary.breaches = try await breaches.register(overdue: false, on: database).breaches.filter {
                $0.closedAt == nil
            }.map { breach in
                BreachRow(
                    id: breach.id, nature: breach.nature, status: breach.status,
                    deadline: breach.authorityDeadline.map(ConsoleFormat.time),
                    hoursLeft: breach.authorityNotifiedAt == nil && !breach.overdue
                        ? breach.authorityDeadline.map {
                            String(Int(($0.timeIntervalSince(now) / 3_600).rounded(.down)))
                        } : nil,
                    overdue: breach.overdue)
            }
        }
        if principal.may(.retentionManage) {
            let report = try await retention.preview(asOf: nil, limit: 1, on: database)
            var byAction: [String: Int] = [:]
            for count in report.summary { byAction[count.action.rawValue, default: 0] += count.count }
            summary.retention = byAction.keys.sorted().map {
                RetentionCount(key: "console.retention.\($0)", count: byAction[$0] ?? 0)
            }
            summary.retentionSubjects = String(report.subjectsChecked)
        }
        return summary
    }
}

/// A request as a console list shows it.
struct ConsoleRequestRow: Encodable, Sendable {
    var id: String
    var reference: String
    var type: String
    var status: String
    var receivedOn: String
    var dueOn: String
    /// Days until the due date; empty once the request is closed (nothing is left to count).
    var daysLeft: String
    var overdue: Bool
    var signatureRequired: String?
    /// Who made the request (the address it is answered at; a representative's name).
    var requester = "—"
    /// Wording keys of the type and the status (stored: Leaf reads no computed properties).
    var typeKey: String
    var statusKey: String

    init(_ view: RequestView, today: CivilDate) {
        id = view.id
        reference = String(view.id.prefix(8))
        type = view.type
        status = view.status
        receivedOn = ConsoleFormat.day(iso: view.receivedOn)
        dueOn = ConsoleFormat.day(iso: view.dueOn)
        let closed = RequestStatus(rawValue: view.status)?.isFinal ?? false
        daysLeft = closed ? "—" : String(CivilDate(iso: view.dueOn).map { $0.dayNumber - today.dayNumber } ?? 0)
        overdue = view.overdue
        signatureRequired = view.signatureRequired
        typeKey = "console.rtype.\(view.type)"
        statusKey = "console.status.\(view.status)"
    }

    /// The rows of `views`, each with who made it.
    static func rows(
        _ views: [RequestView], today: CivilDate, requests: RequestService, on database: any Database
    ) async throws -> [ConsoleRequestRow] {
        let who = try await requests.requesters(of: views.compactMap { UUID(uuidString: $0.id) }, on: database)
        return views.map { view in
            var row = ConsoleRequestRow(view, today: today)
            if let id = UUID(uuidString: view.id), let requester = who[id] { row.requester = requester }
            return row
        }
    }
}

/// Times and dates as the console writes them (UTC, to the minute).
