import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// The breach register (GDPR Art. 33(5)) and its two clocks: notifying the supervisory authority
/// within the regime's deadline (Art. 33(1): 72 hours; late notification needs reasons) and
/// telling the affected subjects of a high-risk breach (Art. 34), unless an Art. 34(3) exception
/// applies. Descriptions are sealed; the audit names only the breach and the categories.
struct BreachService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock

    /// The regime's authority deadline, if it sets one.
    var deadline: BreachDeadline? { JurisdictionProfile.breachDeadline(for: ruleSource.current.policy.jurisdiction) }

    func record(_ body: RecordBreach, by principal: Principal, on database: any Database) async throws -> BreachView {
        let rules = ruleSource.current
        let now = serverClock.now
        guard body.discoveredAt <= now else { throw DomainError.invalid("discovered_at", "must not be in the future") }
        for (field, text) in [
            ("nature", body.nature), ("consequences", body.consequences), ("measures", body.measures),
        ] {
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw DomainError.invalid(field, "must describe the breach (Art. 33(3))")
            }
        }
        guard !body.categories.isEmpty else {
            throw DomainError.invalid("categories", "name at least one category of personal data")
        }
        for (index, key) in body.categories.enumerated() where rules.policy.category(key) == nil {
            throw DomainError.invalid("categories[\(index)]", "category '\(key)' is not declared in the policy")
        }
        guard body.approximateSubjects >= 0 else {
            throw DomainError.invalid("approximate_subjects", "must not be negative")
        }
        guard body.approximateRecords >= 0 else {
            throw DomainError.invalid("approximate_records", "must not be negative")
        }
        let subjectIDs = Array(Set(body.subjectIDs))
        var known = 0
        for chunk in subjectIDs.chunked() {
            known += try await SubjectModel.query(on: database).filter(\.$id ~~ chunk).count()
        }
        guard known == subjectIDs.count else {
            throw DomainError.invalid("subject_ids", "\(subjectIDs.count - known) of the subject ids are unknown")
        }

        let breach = BreachModel()
        let id = UUID()
        breach.id = id
        breach.discoveredAt = body.discoveredAt
        breach.recordedAt = now
        breach.nature = try seal(body.nature, "nature", id)
        breach.categories = body.categories.joined(separator: ",")
        breach.approximateSubjects = body.approximateSubjects
        breach.approximateRecords = body.approximateRecords
        breach.consequences = try seal(body.consequences, "consequences", id)
        breach.measures = try seal(body.measures, "measures", id)
        breach.subjectsMessaged = 0
        let insert = try ModelWrite(inserting: breach)
        try await store.write(on: database) { database in
            try await insert.run(on: database)
            for chunk in subjectIDs.chunked() {
                try await chunk.map { BreachSubjectModel(breach: id, subject: $0) }.create(on: database)
            }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .breachRecord, categories: body.categories,
                        result: "ok:\(id.wire);subjects=\(subjectIDs.count)")
                ]
            )
        }
        return try await view(breach, on: database)
    }

    /// The register, newest discovery first; `overdue` keeps only breaches past the authority deadline unnotified.
    func register(overdue: Bool, on database: any Database) async throws -> BreachRegister {
        var views: [BreachView] = []
        for breach in try await BreachModel.query(on: database).sort(\.$discoveredAt, .descending).all() {
            let shown = try await view(breach, on: database)
            if !overdue || shown.overdue { views.append(shown) }
        }
        return BreachRegister(breaches: views)
    }

    func show(_ breachID: UUID, on database: any Database) async throws -> BreachView {
        try await view(try await find(breachID, on: database), on: database)
    }

    /// Art. 33(1): notified at `notified_at` (default now); after the deadline, reasons are required.
    func notifyAuthority(
        _ breachID: UUID, notifiedAt: Date?, delayReasons: String?, by principal: Principal,
        on database: any Database
    ) async throws -> BreachView {
        let breach = try await find(breachID, on: database)
        let id = try breach.requireID()
        let now = serverClock.now
        guard breach.authorityNotifiedAt == nil else {
            throw DomainError.conflict("breach", "the authority was already notified")
        }
        guard breach.closedAt == nil else { throw DomainError.conflict("breach", "the breach is closed") }
        let notified = notifiedAt ?? now
        guard notified <= now else { throw DomainError.invalid("notified_at", "must not be in the future") }
        guard notified >= breach.discoveredAt else {
            throw DomainError.invalid("notified_at", "must not be before the breach was discovered")
        }
        let reasons = delayReasons?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let late = deadline.map { notified > due($0, breach.discoveredAt) } ?? false
        if late, reasons.isEmpty {
            throw DomainError.invalid(
                "delay_reasons",
                "the authority was notified after the \(deadline!.description) deadline: "
                    + "give the reasons for the delay (GDPR Art. 33(1))")
        }
        let read = ReadState(breach)
        breach.authorityNotifiedAt = notified
        breach.delayReasons = reasons.isEmpty ? nil : try seal(reasons, "delay_reasons", id)
        let breachChange = try ModelWrite(changing: breach)
        try await store.write(on: database) { database in
            try await Self.claim(id, as: read, on: database)
            try await breachChange.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .breachNotifyAuthority,
                        result: "ok:\(id.wire)\(late ? ";late" : "")")
                ]
            )
        }
        return try await view(breach, on: database)
    }

    /// Art. 34: a high risk means telling each affected subject with an e-mail address, in their
    /// language, unless an exception of Art. 34(3) is recorded.
    func assess(
        _ breachID: UUID, _ body: AssessBreach, by principal: Principal, on database: any Database
    ) async throws -> BreachView {
        let rules = ruleSource.current
        let breach = try await find(breachID, on: database)
        let id = try breach.requireID()
        guard breach.highRisk == nil else { throw DomainError.conflict("breach", "the breach was already assessed") }
        let exception = body.exception
        if exception != nil, !body.highRisk {
            throw DomainError.invalid("exception", "an Art. 34(3) exception applies only to a high-risk breach")
        }
        let now = serverClock.now
        let tell = body.highRisk && exception == nil
        let (nature, consequences, measures) = (
            try open(breach.nature, "nature", id), try open(breach.consequences, "consequences", id),
            try open(breach.measures, "measures", id)
        )
        let affected = try await BreachSubjectModel.query(on: database).filter(\.$breachID == id).all().map(\.subjectID)
        var messages: [(address: String, message: RequestMessage)] = []
        if tell {
            for chunk in affected.chunked() {
                for subject in try await SubjectModel.query(on: database).filter(\.$id ~~ chunk).filter(
                    \.$status == .active
                ).all() {
                    guard let address = try await keys.vault(rules).emailAddress(of: subject, on: database)
                    else {
                        continue
                    }
                    let language = RequestMessages.language(requested: subject.language, policy: rules.policy)
                    let message = try RequestMessages(policy: rules.policy, language: language)
                        .breach(
                            nature: nature, consequences: consequences, measures: measures,
                            reference: RequestReference.of(id))
                    messages.append((address, message))
                }
            }
        }
        let read = ReadState(breach)
        breach.highRisk = body.highRisk
        breach.subjectsException = exception
        if tell {
            breach.subjectsInformedAt = now
            breach.subjectsMessaged = messages.count
        }
        let master = keys.master
        let outgoing = messages
        let breachChange = try ModelWrite(changing: breach)
        try await store.write(on: database) { database in
            try await Self.claim(id, as: read, on: database)
            try await breachChange.run(on: database)
            for (address, message) in outgoing {
                _ = try await Outbox.email(
                    to: address, message, topic: "breach", requestID: nil, master: master, at: now, on: database)
            }
            let outcome = body.auditOutcome(subjectsTold: tell ? outgoing.count : nil)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .breachAssess, result: "ok:\(id.wire);\(outcome)")
                ]
            )
        }
        return try await view(breach, on: database)
    }

    /// Closes the breach; one never notified to the authority needs the reason (Art. 33(5)).
    func close(
        _ breachID: UUID, notNotifiedReason: String?, by principal: Principal, on database: any Database
    ) async throws -> BreachView {
        let breach = try await find(breachID, on: database)
        let id = try breach.requireID()
        guard breach.closedAt == nil else { throw DomainError.conflict("breach", "the breach is already closed") }
        let reason = notNotifiedReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if breach.authorityNotifiedAt == nil, deadline != nil, reason.isEmpty {
            throw DomainError.invalid(
                "not_notified_reason",
                "the authority was not notified: document why, e.g. the breach is unlikely "
                    + "to result in a risk to people (GDPR Art. 33(1), 33(5))")
        }
        let now = serverClock.now
        let read = ReadState(breach)
        breach.closedAt = now
        if !reason.isEmpty { breach.notNotifiedReason = try seal(reason, "not_notified_reason", id) }
        let breachChange = try ModelWrite(changing: breach)
        try await store.write(on: database) { database in
            try await Self.claim(id, as: read, on: database)
            try await breachChange.run(on: database)
            return (
                (), [AuditChain.Draft(time: now, actor: principal.actor, action: .breachClose, result: "ok:\(id.wire)")]
            )
        }
        return try await view(breach, on: database)
    }

    /// The Art. 33(3) notification for the authority, in the policy's authoritative language.
    func report(_ breachID: UUID, by principal: Principal, on database: any Database) async throws -> BreachReport {
        let rules = ruleSource.current
        let breach = try await find(breachID, on: database)
        let id = try breach.requireID()
        let parties = BreachReport.parties(of: rules.policy)
        let report = BreachReport(
            reference: RequestReference.of(id), controller: parties.controller, contact: parties.contact,
            discoveredAt: breach.discoveredAt, authorityDeadline: deadline.map { due($0, breach.discoveredAt) },
            notifiedAt: breach.authorityNotifiedAt,
            delayReasons: try breach.delayReasons.map { try open($0, "delay_reasons", id) },
            nature: try open(breach.nature, "nature", id), categories: breach.categoryKeys,
            approximateSubjects: breach.approximateSubjects,
            approximateRecords: breach.approximateRecords,
            consequences: try open(breach.consequences, "consequences", id),
            measures: try open(breach.measures, "measures", id), subjectsInformedAt: breach.subjectsInformedAt)
        try await store.audit.record(
            [
                AuditChain.Draft(
                    time: serverClock.now, actor: principal.actor, action: .breachReport,
                    result: "ok:\(id.wire)")
            ], on: database)
        return report
    }

    /// The HTML form of `report`, for printing or attaching to the authority's form.
    func html(_ report: BreachReport) throws -> String {
        let rules = ruleSource.current
        return try BreachReportWriter(policy: rules.policy, language: rules.policy.authoritativeLanguage).html(report)
    }

    /// How many open breaches are past the authority deadline unnotified (the metric and the overdue list).
    func overdueCount(on database: any Database) async throws -> Int {
        guard let deadline else { return 0 }
        let now = serverClock.now
        return try await BreachModel.query(on: database).filter(\.$authorityNotifiedAt == nil).filter(
            \.$closedAt == nil
        ).all()
            .count { due(deadline, $0.discoveredAt) < now }
    }

    /// When notification is due under `deadline`, counting the controller's working days.
    func due(_ deadline: BreachDeadline, _ discovered: Date) -> Date {
        let rules = ruleSource.current
        return deadline.due(
            discoveredAt: discovered,
            calendar: rules.policy.workingCalendar(around: rules.localDay(discovered).year),
            localTime: rules.requestClock.profile.localTime)
    }

    /// A breach's steps as read before a change: whether the authority was notified, the risk
    /// assessed, the breach closed.
    struct ReadState: Sendable {
        var notified: Bool
        var assessed: Bool
        var closed: Bool

        init(_ breach: BreachModel) {
            notified = breach.authorityNotifiedAt != nil
            assessed = breach.highRisk != nil
            closed = breach.closedAt != nil
        }
    }

    /// Inside the change's transaction, first: holds the breach's row and checks its steps are still
    /// as read, so two staff recording the same step at once record it once (the second gets a conflict).
    static func claim(_ id: UUID, as read: ReadState, on database: any Database) async throws {
        func state(_ column: String, _ set: Bool) -> SQLQueryString {
            set ? "AND \(ident: column) IS NOT NULL" : "AND \(ident: column) IS NULL"
        }
        let claimed = try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: BreachModel.schema) SET recorded_at = recorded_at WHERE id = \(bind: id)
            \(state("authority_notified_at", read.notified)) \(state("high_risk", read.assessed))
            \(state("closed_at", read.closed))
            RETURNING id
            """
        ).first()
        guard claimed != nil else {
            throw DomainError.conflict(
                "breach", "the breach was changed by someone else meanwhile; reload it and try again")
        }
    }

    func find(_ id: UUID, on database: any Database) async throws -> BreachModel {
        guard let breach = try await BreachModel.find(id, on: database) else {
            throw DomainError.notFound("breach \(id.wire)")
        }
        return breach
    }

    func seal(_ text: String, _ field: String, _ id: UUID) throws -> Data {
        try Vault.sealService(Data(text.utf8), context: "breach|\(field)|\(id.wire)", with: keys.master)
    }

    func open(_ sealed: Data, _ field: String, _ id: UUID) throws -> String {
        String(
            decoding: try Vault.openService(sealed, context: "breach|\(field)|\(id.wire)", with: keys.master),
            as: UTF8.self)
    }
}
