import Fluent
import SargsCore
import SargsKit
import Vapor

/// The staff console at `/console`: sign-in is open, every other page needs a signed-in member
/// (`ConsoleAuthentication`) and, per page and action, a permission from the one table that API
/// keys use too. Pages call the features' services; no rule is implemented twice.
struct ConsoleRoutes: Sendable {
    let context: SargsContext
    let settings: ConsoleSettings
    let clients: ClientAddress

    func register(_ app: Application) {
        let forms = FormProtection(
            master: context.masterKey, secure: context.publicURL.hasPrefix("https://"), path: ConsolePages.root,
            clients: clients)
        let pages = ConsolePages(context: context, forms: forms)
        let sessions = StaffSessions(context: context, settings: settings)
        let console = app.grouped("console")
        let signedIn = console.grouped(
            ConsoleAuthentication(sessions: sessions, signInPath: "/console/sign-in", secure: forms.secure),
            ConsoleErrors(pages: pages),
            ConsoleLocale(pages: pages))
        ConsoleSignInRoutes(service: StaffSignIn(context: context, sessions: sessions), pages: pages, clients: clients)
            .register(console, signedIn: signedIn)
        let requests = RequestService(context: context)
        ConsoleTodayRoutes(
            service: ConsoleToday(
                context: context, requests: requests, breaches: BreachService(context: context),
                retention: RetentionService(context: context)), pages: pages
        ).register(signedIn)
        // Before the request routes: `new` is not a request id.
        ConsoleNewRequestRoutes(service: requests, pages: pages).register(signedIn)
        ConsoleNoticeRoutes(notices: IndirectCollectionNotices(context: context), pages: pages).register(signedIn)
        ConsoleSystemsRoutes(service: requests, pages: pages).register(signedIn)
        ConsoleRequestRoutes(
            service: requests, exports: ExportService(context: context), pages: pages, clients: clients
        ).register(signedIn)
        ConsoleSubjectRoutes(
            subjects: SubjectService(context: context), consents: ConsentService(context: context),
            facts: FactService(context: context), records: RecordService(context: context), pages: pages
        ).register(signedIn)
        ConsoleBreachRoutes(service: BreachService(context: context), pages: pages).register(signedIn)
        ConsolePolicyRoutes(versions: PolicyVersionService(context: context), pages: pages).register(signedIn)
        ConsoleAuditRoutes(service: AuditService(audit: context.audit), pages: pages).register(signedIn)
        ConsoleAccountRoutes(signIn: StaffSignIn(context: context, sessions: sessions), pages: pages).register(signedIn)
    }
}

/// `/console` (Today), `/console/retention`, `/console/outbox`.
struct ConsoleTodayRoutes: Sendable {
    let service: ConsoleToday
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        console.get(use: today)
        console.get("retention", use: retention)
        console.post("retention", "run", use: runRetention)
        console.get("outbox", use: outbox)
    }

    @Sendable
    func today(_ request: Request) async throws -> Response {
        let principal = try request.staff.principal
        guard principal.may(.requestsRead) else {
            return request.redirect(to: "/console/account", redirectType: .normal)
        }
        return try await pages.render(
            "console-today", title: "console.today.title",
            ConsoleToday.Page(try await service.summary(for: principal, on: request.db)), request)
    }

    @Sendable
    func retention(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .retentionManage)
        return try await retentionPage(request)
    }

    /// The dry-run report (what a run would do now, and why), the form that runs it — asking for
    /// the confirmation a change of the rules needs — and the last runs.
    private func retentionPage(
        _ request: Request, status: HTTPResponseStatus = .ok, error: String? = nil, notice: String? = nil
    ) async throws -> Response {
        let retention = service.retention
        let report = try await retention.preview(asOf: nil, limit: 200, on: request.db)
        let lang = pages.language(request)
        let labels = try NoticeBuilder(policy: service.context.rules.policy, language: lang)
        func action(_ value: RetentionRule.Action) -> String {
            pages.text("console.retention.action.\(value.rawValue)", request)
        }
        struct Count: Encodable, Sendable { var rule: String; var action: String; var count: Int }
        struct Action: Encodable, Sendable {
            var subject: String; var category: String; var action: String; var keptUntil: String?
        }
        struct Run: Encodable, Sendable {
            var startedAt: String; var actor: String; var status: String; var subjectsChecked: Int; var shredded: Int
        }
        struct Page: Encodable, Sendable {
            var asOf: String; var subjectsChecked: String; var summary: [Count]; var actions: [Action];
            var hasActions: Bool
            var needsConfirmation: Bool; var runs: [Run]; var hasRuns: Bool
        }
        let runs = try await retention.runs(limit: 5, on: request.db).map {
            Run(
                startedAt: ConsoleFormat.time($0.startedAt), actor: $0.actor,
                status: pages.text("console.retention.run_status.\($0.status)", request),
                subjectsChecked: $0.subjectsChecked, shredded: $0.subjectsShredded)
        }
        let page = Page(
            asOf: ConsoleFormat.day(report.asOf), subjectsChecked: String(report.subjectsChecked),
            summary: report.summary.map { Count(rule: $0.rule, action: action($0.action), count: $0.count) },
            actions: report.actions.map {
                Action(
                    subject: $0.subjectID, category: labels.categoryLabel($0.category), action: action($0.action),
                    keptUntil: $0.keptUntil.map(ConsoleFormat.day))
            },
            hasActions: !report.actions.isEmpty,
            needsConfirmation: try await retention.rulesNeedConfirmation(on: request.db) && !report.actions.isEmpty,
            runs: runs, hasRuns: !runs.isEmpty)
        return try await pages.render(
            "console-retention", title: "console.retention.title", page, status: status, error: error,
            notice: notice, request)
    }

    /// Runs retention now, as `POST /v1/retention/runs` does; a change of the rules needs the box ticked.
    @Sendable
    func runRetention(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .retentionManage)
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        let confirmed = (try? request.content.get(String.self, at: "confirm_rule_change")) == "1"
        do {
            let summary = try await service.retention.run(
                actor: principal.actor, confirmingRuleChange: confirmed, on: request.db)
            let done = summary.actions.reduce(0) { $0 + $1.count }
            return try await retentionPage(
                request,
                notice: pages.text(
                    "console.retention.done", request,
                    ["checked": String(summary.subjectsChecked), "actions": String(done)]))
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            return try await retentionPage(
                request, status: pages.status(of: error), error: pages.message(for: error, request))
        }
    }

    @Sendable
    func outbox(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsDecide)
        let offset = min(max(request.query[Int.self, at: "offset"] ?? 0, 0), 1_000_000)
        let failures = try await OutboxQueries.failures(limit: 51, offset: offset, on: request.db)
        struct Page: Encodable, Sendable {
            var failures: [Failure]; var hasFailures: Bool; var next: Int?; var previous: Int?
        }
        let lang = pages.language(request)
        struct Failure: Encodable, Sendable {
            var kind: String, topic: String, requestID: String?, attempts: Int, failedAt: String, lastError: String?
        }
        return try await pages.render(
            "console-outbox", title: "console.outbox.title",
            Page(
                failures: failures.prefix(50).map {
                    Failure(
                        kind: ConsoleText.kind($0.kind, language: lang),
                        topic: ConsoleText.topic($0.topic, language: lang),
                        requestID: $0.requestID, attempts: $0.attempts,
                        failedAt: ConsoleFormat.time($0.failedAt), lastError: $0.lastError)
                }, hasFailures: !failures.isEmpty, next: failures.count > 50 ? offset + 50 : nil,
                previous: offset > 0 ? max(offset - 50, 0) : nil), request)
    }
}
