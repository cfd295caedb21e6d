import Fluent
import Foundation
import SargsCore

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
        var retentionSubjects: Int?
        var outboxFailures: Int
        var showsOutbox = false

        var hasRows: Bool { !rows.isEmpty }
        var hasOverdue: Bool { overdue > 0 }
        var hasOutboxFailures: Bool { outboxFailures > 0 }
        var showsBreaches: Bool { breaches != nil }
        var hasBreaches: Bool { !(breaches ?? []).isEmpty }
        var showsRetention: Bool { retention != nil }
        var hasRetention: Bool { !(retention ?? []).isEmpty }

        enum CodingKeys: String, CodingKey {
            case rows, openTotal, overdue, unverified, awaitingSignature, breaches, retention, retentionSubjects, outboxFailures
            case showsOutbox, hasRows, hasOverdue, hasOutboxFailures, showsBreaches, hasBreaches, showsRetention, hasRetention
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rows, forKey: .rows)
            try container.encode(openTotal, forKey: .openTotal)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(unverified, forKey: .unverified)
            try container.encode(awaitingSignature, forKey: .awaitingSignature)
            try container.encodeIfPresent(breaches, forKey: .breaches)
            try container.encodeIfPresent(retention, forKey: .retention)
            try container.encodeIfPresent(retentionSubjects.map(String.init), forKey: .retentionSubjects)
            try container.encode(outboxFailures, forKey: .outboxFailures)
            try container.encode(showsOutbox, forKey: .showsOutbox)
            try container.encode(hasRows, forKey: .hasRows)
            try container.encode(hasOverdue, forKey: .hasOverdue)
            try container.encode(hasOutboxFailures, forKey: .hasOutboxFailures)
            try container.encode(showsBreaches, forKey: .showsBreaches)
            try container.encode(hasBreaches, forKey: .hasBreaches)
            try container.encode(showsRetention, forKey: .showsRetention)
            try container.encode(hasRetention, forKey: .hasRetention)
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
        let open = try await requests.list(.init(status: "open", type: nil, overdue: false, limit: 20, offset: nil), on: database)
        let counts = try await requests.counts(on: database)
        let today = context.today
        var summary = Summary(
            rows: open.requests.map { ConsoleRequestRow($0, today: today) },
            openTotal: counts.open, overdue: counts.overdue, unverified: counts.unverified, awaitingSignature: counts.awaitingSignature,
            outboxFailures: try await OutboxQueries.failedCount(on: database), showsOutbox: principal.may(.requestsDecide))
        if principal.may(.breachesManage) {
            let now = context.clock.now
            summary.breaches = try await breaches.register(overdue: false, on: database).breaches.filter { $0.closedAt == nil }.map { breach in
                BreachRow(id: breach.id, nature: breach.nature, status: breach.status, deadline: breach.authorityDeadline.map(ConsoleFormat.time),
                          hoursLeft: breach.authorityNotifiedAt == nil && !breach.overdue ? breach.authorityDeadline.map { String(Int(($0.timeIntervalSince(now) / 3_600).rounded(.down))) } : nil,
                          overdue: breach.overdue)
            }
        }
        if principal.may(.retentionManage) {
            let report = try await retention.preview(asOf: nil, limit: 1, on: database)
            var byAction: [String: Int] = [:]
            for count in report.summary { byAction[count.action.rawValue, default: 0] += count.count }
            summary.retention = byAction.keys.sorted().map { RetentionCount(key: "console.retention.\($0)", count: byAction[$0] ?? 0) }
            summary.retentionSubjects = report.subjectsChecked
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
    var daysLeft: Int
    var overdue: Bool
    var signatureRequired: String?
    var typeKey: String { "request.type.\(type)" }
    var statusKey: String { "console.status.\(status)" }

    enum CodingKeys: String, CodingKey {
        case id, reference, type, status, receivedOn, dueOn, daysLeft, overdue, signatureRequired, typeKey, statusKey
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(reference, forKey: .reference)
        try container.encode(type, forKey: .type)
        try container.encode(status, forKey: .status)
        try container.encode(receivedOn, forKey: .receivedOn)
        try container.encode(dueOn, forKey: .dueOn)
        try container.encode(daysLeft, forKey: .daysLeft)
        try container.encode(overdue, forKey: .overdue)
        try container.encodeIfPresent(signatureRequired, forKey: .signatureRequired)
        try container.encode(typeKey, forKey: .typeKey)
        try container.encode(statusKey, forKey: .statusKey)
    }

    init(_ view: RequestView, today: CivilDate) {
        id = view.id
        reference = String(view.id.prefix(8))
        type = view.type
        status = view.status
        receivedOn = view.receivedOn
        dueOn = view.dueOn
        daysLeft = CivilDate(iso: view.dueOn).map { $0.dayNumber - today.dayNumber } ?? 0
        overdue = view.overdue
        signatureRequired = view.signatureRequired
    }
}

/// Times and dates as the console writes them (UTC, to the minute).
enum ConsoleFormat {
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
