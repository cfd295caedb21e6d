import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/breaches`: the breach register and the whole Art. 33–34 procedure without curl —
/// record a breach (the 72-hour clock starts at its discovery), notify the authority, assess the
/// risk to people (Art. 34, with its exceptions), close it, and print the Art. 33(3) report.
/// Every step goes through `BreachService`, as `/v1/breaches` does.
struct ConsoleBreachRoutes: Sendable {
    let service: BreachService
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        let breaches = console.grouped("breaches")
        breaches.get(use: list)
        breaches.get("new", use: form)
        breaches.post(use: record)
        breaches.get(":breachID", use: detail)
        breaches.get(":breachID", "report", use: report)
        breaches.post(":breachID", ":action", use: act)
    }

    struct Row: Encodable, Sendable {
        var id: String
        var nature: String
        var status: String
        var discoveredAt: String
        var authorityDeadline: String?
        var authorityNotifiedAt: String?
        var affectedSubjects: Int
        var overdue: Bool

        /// The breach as a row, its status in words.
        init(_ breach: BreachView, status: String) {
            id = breach.id
            nature = breach.nature
            self.status = status
            discoveredAt = ConsoleFormat.time(breach.discoveredAt)
            authorityDeadline = breach.authorityDeadline.map(ConsoleFormat.time)
            authorityNotifiedAt = breach.authorityNotifiedAt.map(ConsoleFormat.time)
            affectedSubjects = breach.affectedSubjects
            overdue = breach.overdue
        }
    }

    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .breachesManage)
        let register = try await service.register(
            overdue: request.query[String.self, at: "overdue"] == "true", on: request.db)
        struct Page: Encodable, Sendable { var breaches: [Row]; var hasBreaches: Bool }
        let rows = register.breaches.map { Row($0, status: pages.text("console.breach.status.\($0.status)", request)) }
        return try await pages.render(
            "console-breaches", title: "console.breaches.title", Page(breaches: rows, hasBreaches: !rows.isEmpty),
            request)
    }

    struct FormPage: Encodable, Sendable {
        var categories: [ConsoleCategoryChoice]
        var timeZone: String
        var now: String
        var values: [String: String]
    }

    @Sendable
    func form(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .breachesManage)
        return try await formPage(request, values: [:])
    }

    private func formPage(
        _ request: Request, values: [String: String], status: HTTPResponseStatus = .ok, error: String? = nil
    ) async throws -> Response {
        let zone = service.ruleSource.current.requestClock.profile.localTime
        let chosen = Set(
            values.filter { $0.key.hasPrefix("category_") && $0.value == "1" }.map {
                String($0.key.dropFirst("category_".count))
            })
        let page = FormPage(
            categories: try ConsoleCategoryChoice.all(
                of: service.ruleSource.current.policy, language: pages.language(request), chosen: chosen),
            timeZone: zone.identifier, now: ConsoleLocalTime(zone).input(service.serverClock.now), values: values)
        return try await pages.render(
            "console-breach-new", title: "console.breach.new.title", page, status: status, error: error, request)
    }

    @Sendable
    func record(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        let form = try request.content.decode([String: String].self)
        func field(_ name: String) -> String { form[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        do {
            let zone = ConsoleLocalTime(service.ruleSource.current.requestClock.profile.localTime)
            guard let discovered = zone.instant(field("discovered_at")) else {
                throw DomainError.invalid("discovered_at", "give the day and time the breach was discovered")
            }
            func count(_ name: String) throws -> Int {
                guard let value = Int(field(name)) else {
                    throw DomainError.invalid(name, "must be a whole number (an estimate is enough)")
                }
                return value
            }
            let categories = form.filter { $0.key.hasPrefix("category_") && $0.value == "1" }.map {
                String($0.key.dropFirst("category_".count))
            }.sorted()
            let body = RecordBreach(
                discoveredAt: discovered, nature: field("nature"), categories: categories,
                approximateSubjects: try count("approximate_subjects"),
                approximateRecords: try count("approximate_records"),
                consequences: field("consequences"), measures: field("measures"))
            let breach = try await service.record(body, by: principal, on: request.db)
            return request.redirect(to: "/console/breaches/\(breach.id)?done=record", redirectType: .normal)
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            return try await formPage(
                request, values: form, status: pages.status(of: error), error: pages.message(for: error, request))
        }
    }

    struct DetailPage: Encodable, Sendable {
        var breach: Row
        var recordedAt: String
        var categories: String
        var approximateSubjects: Int
        var approximateRecords: Int
        var consequences: String
        var measures: String
        var hoursLeft: String?
        var delayReasons: String?
        var risk: String?
        var subjectsInformedAt: String?
        var subjectsMessaged: Int
        var notNotifiedReason: String?
        var closedAt: String?
        var mayNotify: Bool
        var mayAssess: Bool
        var mayClose: Bool
        var exceptions: [Choice]
        var now: String

        struct Choice: Encodable, Sendable { var value: String; var label: String }
    }

    @Sendable
    func detail(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .breachesManage)
        return try await detailPage(request)
    }

    private func detailPage(
        _ request: Request, status: HTTPResponseStatus = .ok, error: String? = nil
    ) async throws -> Response {
        let breach = try await service.show(
            try request.parameters.require("breachID", as: UUID.self, field: "id"), on: request.db)
        let lang = pages.language(request)
        let labels = try NoticeBuilder(policy: service.ruleSource.current.policy, language: lang)
        let now = service.serverClock.now
        let open = breach.closedAt == nil
        let hoursLeft = breach.authorityDeadline.flatMap { deadline -> String? in
            guard open, breach.authorityNotifiedAt == nil, deadline > now else { return nil }
            return String(Int((deadline.timeIntervalSince(now) / 3600).rounded(.down)))
        }
        let risk = breach.highRisk.map { high -> String in
            guard high else { return pages.text("console.breach.risk.low", request) }
            let exception = breach.subjectsException.map { pages.text("console.breach.exception.\($0)", request) }
            return [pages.text("console.breach.risk.high", request), exception].compactMap { $0 }.joined(
                separator: " · ")
        }
        let page = DetailPage(
            breach: Row(breach, status: pages.text("console.breach.status.\(breach.status)", request)),
            recordedAt: ConsoleFormat.time(breach.recordedAt),
            categories: breach.categories.map(labels.categoryLabel).joined(separator: ", "),
            approximateSubjects: breach.approximateSubjects, approximateRecords: breach.approximateRecords,
            consequences: breach.consequences, measures: breach.measures, hoursLeft: hoursLeft,
            delayReasons: breach.delayReasons, risk: risk,
            subjectsInformedAt: breach.subjectsInformedAt.map(ConsoleFormat.time),
            subjectsMessaged: breach.subjectsMessaged,
            notNotifiedReason: breach.notNotifiedReason, closedAt: breach.closedAt.map(ConsoleFormat.time),
            mayNotify: open && breach.authorityNotifiedAt == nil, mayAssess: open && breach.highRisk == nil,
            mayClose: open,
            exceptions: BreachSubjectsException.allCases.map {
                .init(value: $0.rawValue, label: pages.text("console.breach.exception.\($0.rawValue)", request))
            },
            now: ConsoleLocalTime(service.ruleSource.current.requestClock.profile.localTime).input(now))
        let done = request.query[String.self, at: "done"].flatMap {
            ["record", "notify", "assess", "close"].contains($0) ? $0 : nil
        }
        return try await pages.render(
            "console-breach", title: "console.breach.title", page, status: status, error: error,
            notice: done.map { pages.text("console.breach.done.\($0)", request) }, request)
    }

    /// The Art. 33(3) report, printable, in the policy's authoritative language (the authority's).
    @Sendable
    func report(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        let report = try await service.report(
            try request.parameters.require("breachID", as: UUID.self, field: "id"), by: principal, on: request.db)
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: .ok, headers: headers, body: .init(string: try service.html(report)))
    }

    /// A form on the breach page: notify the authority, assess, close; back to the page.
    @Sendable
    func act(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        let action = request.parameters.get("action") ?? ""
        let form = try request.content.decode([String: String].self)
        func optional(_ name: String) -> String? {
            let value = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return value.isEmpty ? nil : value
        }
        let id = try request.parameters.require("breachID", as: UUID.self, field: "id")
        do {
            switch action {
            case "notify":
                let zone = ConsoleLocalTime(service.ruleSource.current.requestClock.profile.localTime)
                let notified = try optional("notified_at").map { text throws(DomainError) -> Date in
                    guard let instant = zone.instant(text) else {
                        throw DomainError.invalid("notified_at", "give the day and time the authority was notified")
                    }
                    return instant
                }
                _ = try await service.notifyAuthority(
                    id, notifiedAt: notified, delayReasons: optional("delay_reasons"), by: principal, on: request.db)
            case "assess":
                guard let risk = optional("risk"), ["high", "low"].contains(risk) else {
                    throw DomainError.invalid(
                        "high_risk", "say whether the breach is likely to result in a high risk to people (Art. 34(1))")
                }
                _ = try await service.assess(
                    id,
                    AssessBreach(
                        highRisk: risk == "high",
                        exception: risk == "high" ? try AssessBreach.exception(optional("exception")) : nil),
                    by: principal, on: request.db)
            case "close":
                _ = try await service.close(
                    id, notNotifiedReason: optional("not_notified_reason"), by: principal, on: request.db)
            default:
                throw DomainError.notFound("the action '\(action)'")
            }
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            if case .notFound = error { throw error }
            return try await detailPage(
                request, status: pages.status(of: error), error: pages.message(for: error, request))
        }
        return request.redirect(to: "/console/breaches/\(id.wire)?done=\(action)", redirectType: .normal)
    }
}
