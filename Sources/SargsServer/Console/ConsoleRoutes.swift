import Fluent
import SargsCore
import Vapor

/// The staff console at `/console`: sign-in is open, every other page needs a signed-in member
/// (`ConsoleAuthentication`) and, per page and action, a permission from the one table that API
/// keys use too. Pages call the features' services; no rule is implemented twice.
struct ConsoleRoutes: Sendable {
    let context: SargsContext
    let settings: ConsoleSettings
    let clients: ClientAddress

    func register(_ app: Application) {
        let forms = FormProtection(master: context.masterKey, secure: context.publicURL.hasPrefix("https://"), path: ConsolePages.root, clients: clients)
        let pages = ConsolePages(context: context, forms: forms)
        let sessions = StaffSessions(context: context, settings: settings)
        let console = app.grouped("console")
        let signedIn = console.grouped(ConsoleAuthentication(sessions: sessions, signInPath: "/console/sign-in", secure: forms.secure), ConsoleErrors(pages: pages))
        ConsoleSignInRoutes(service: StaffSignIn(context: context, sessions: sessions), pages: pages, clients: clients)
            .register(console, signedIn: signedIn)
        let requests = RequestService(context: context)
        ConsoleTodayRoutes(service: ConsoleToday(context: context, requests: requests, breaches: BreachService(context: context),
                                                 retention: RetentionService(context: context)), pages: pages).register(signedIn)
        // Before the request routes: `new` is not a request id.
        ConsoleNewRequestRoutes(service: requests, pages: pages).register(signedIn)
        ConsoleNoticeRoutes(notices: IndirectCollectionNotices(context: context), pages: pages).register(signedIn)
        ConsoleRequestRoutes(service: requests, exports: ExportService(context: context), pages: pages, clients: clients).register(signedIn)
        ConsoleSubjectRoutes(subjects: SubjectService(context: context), consents: ConsentService(context: context),
                             facts: FactService(context: context), records: RecordService(context: context), pages: pages).register(signedIn)
        ConsolePolicyRoutes(versions: PolicyVersionService(context: context), pages: pages).register(signedIn)
        ConsoleAuditRoutes(service: AuditService(audit: context.audit), pages: pages).register(signedIn)
        ConsoleAccountRoutes(signIn: StaffSignIn(context: context, sessions: sessions), pages: pages).register(signedIn)
    }
}

/// `/console` (Today), `/console/breaches`, `/console/retention`, `/console/outbox`.
struct ConsoleTodayRoutes: Sendable {
    let service: ConsoleToday
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        console.get(use: today)
        console.get("breaches", use: breaches)
        console.get("retention", use: retention)
        console.get("outbox", use: outbox)
    }

    @Sendable
    func today(_ request: Request) async throws -> Response {
        let principal = try request.staff.principal
        guard principal.may(.requestsRead) else { return request.redirect(to: "/console/account", redirectType: .normal) }
        return try await pages.render("console-today", title: "console.today.title", ConsoleToday.Page(try await service.summary(for: principal, on: request.db)), request)
    }

    @Sendable
    func breaches(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .breachesManage)
        let register = try await service.breaches.register(overdue: request.query[String.self, at: "overdue"] == "true", on: request.db)
        struct Row: Encodable, Sendable {
            var nature: String
            var status: String
            var discoveredAt: String
            var authorityDeadline: String?
            var authorityNotifiedAt: String?
            var affectedSubjects: Int
            var overdue: Bool
        }
        struct Page: Encodable, Sendable { var breaches: [Row] }
        let rows = register.breaches.map {
            Row(nature: $0.nature, status: $0.status, discoveredAt: ConsoleFormat.time($0.discoveredAt),
                authorityDeadline: $0.authorityDeadline.map(ConsoleFormat.time), authorityNotifiedAt: $0.authorityNotifiedAt.map(ConsoleFormat.time),
                affectedSubjects: $0.affectedSubjects, overdue: $0.overdue)
        }
        return try await pages.render("console-breaches", title: "console.breaches.title", Page(breaches: rows), request)
    }

    @Sendable
    func retention(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .retentionManage)
        let report = try await service.retention.preview(asOf: nil, limit: 200, on: request.db)
        struct Count: Encodable, Sendable { var rule: String; var action: String; var count: Int }
        struct Action: Encodable, Sendable { var subject: String; var category: String; var action: String; var keptUntil: String? }
        struct Page: Encodable, Sendable { var asOf: String; var subjectsChecked: String; var summary: [Count]; var actions: [Action] }
        let page = Page(asOf: report.asOf.description, subjectsChecked: String(report.subjectsChecked),
                        summary: report.summary.map { Count(rule: $0.rule, action: $0.action.rawValue, count: $0.count) },
                        actions: report.actions.map {
                            Action(subject: $0.subjectID, category: $0.category, action: $0.action.rawValue, keptUntil: $0.keptUntil?.description)
                        })
        return try await pages.render("console-retention", title: "console.retention.title", page, request)
    }

    @Sendable
    func outbox(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsDecide)
        let offset = min(max(request.query[Int.self, at: "offset"] ?? 0, 0), 1_000_000)
        let failures = try await OutboxQueries.failures(limit: 51, offset: offset, on: request.db)
        struct Page: Encodable, Sendable { var failures: [Failure]; var next: Int?; var previous: Int? }
        struct Failure: Encodable, Sendable {
            var kind: String, topic: String, requestID: String?, attempts: Int, failedAt: String, lastError: String?
        }
        return try await pages.render("console-outbox", title: "console.outbox.title",
                                      Page(failures: failures.prefix(50).map {
                                          Failure(kind: $0.kind, topic: $0.topic, requestID: $0.requestID, attempts: $0.attempts,
                                                  failedAt: ConsoleFormat.time($0.failedAt), lastError: $0.lastError)
                                      }, next: failures.count > 50 ? offset + 50 : nil,
                                           previous: offset > 0 ? max(offset - 50, 0) : nil), request)
    }
}
