import Fluent
import SargsCore
import SargsKit
import Vapor

/// The owner's page of a manual system's task (issue 25): `GET /tasks/{token}` shows what to do
/// and changes nothing; `POST` confirms it with the count of records concerned. The token is the
/// only credential, as for the unsubscribe link: it is sent to the system's owner alone.
struct SystemTaskRoutes: Sendable {
    let service: RequestService

    func register(_ routes: any RoutesBuilder) {
        routes.get("tasks", ":token", use: show)
        routes.post("tasks", ":token", use: confirm)
        routes.get("tasks", "erasures", ":token", use: showList)
        routes.post("tasks", "erasures", ":token", use: confirmList)
    }

    /// The people a retention run or a bulk erasure left for a manual system's owner to erase.
    @Sendable
    func showList(_ request: Request) async throws -> Response {
        do {
            return try await listPage(
                try await service.erasureOrders.ownerList(request.parameters.get("token"), on: request.db), request)
        } catch DomainError.linkExpired {
            return try await invalid(request)
        }
    }

    /// The owner confirms the list with the count of records erased.
    @Sendable
    func confirmList(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ConfirmForm.self)
        guard let records = form.records.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DomainError.invalid("records", "must be a whole number from 0 to 1000000")
        }
        do {
            let list = try await service.erasureOrders.confirmList(
                request.parameters.get("token"), records: records, on: request.db)
            return try await listPage(list, request)
        } catch DomainError.linkExpired {
            return try await invalid(request)
        }
    }

    struct ConfirmForm: Content {
        var records: String?
    }

    struct TaskPage: Encodable, Sendable {
        var page: PageFrame
        var done: Bool
        var message: String
        var deadline: String
        var late: Bool
        var lateText: String
        var instruction: String
        var identitiesLabel: String
        var identities: [String]
        var correctionsLabel: String
        var corrections: [String]
        var recordsLabel: String
        var button: String
        var action: String
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        do {
            return try await page(try await service.task(request.parameters.get("token"), on: request.db), request)
        } catch DomainError.linkExpired {
            return try await invalid(request)
        }
    }

    @Sendable
    func confirm(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ConfirmForm.self)
        guard let records = form.records.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DomainError.invalid("records", "must be a whole number from 0 to 1000000")
        }
        do {
            let task = try await service.confirmTask(request.parameters.get("token"), records: records, on: request.db)
            return try await page(task, request)
        } catch DomainError.linkExpired {
            return try await invalid(request)
        }
    }

    func text(_ request: Request) throws -> PageText {
        let policy = service.ruleSource.current.policy
        return try PageText(
            policy: policy, explicit: request.query[String.self, at: "lang"],
            acceptLanguage: request.headers.first(name: .acceptLanguage), preferred: policy.authoritativeLanguage)
    }

    func page(_ task: RequestService.SystemTask, _ request: Request) async throws -> Response {
        let text = try text(request)
        let rules = service.ruleSource.current
        let system = ["system": task.system]
        let contact = rules.policy.dpo?.email ?? rules.policy.controllers.first?.email ?? ""
        let instructionKey =
            switch task.type {
            case .erasure: "task.do.erasure"
            case .rectification: "task.do.rectification"
            case .restriction: "task.do.restriction"
            default: "task.do.access"
            }
        let due = task.due.map { text.strings.date(rules.localDay($0)) } ?? ""
        let context = TaskPage(
            page: PageFrame(text, title: text("task.title", system), path: Pages.selfPath(request)),
            done: task.done, message: text("task.done"),
            deadline: text(
                "task.type", ["type": text.strings.text("console.rtype.\(task.type.rawValue)"), "due": due]),
            late: task.due.map { $0 < service.serverClock.now } ?? false, lateText: text("task.late"),
            instruction: text(instructionKey, ["system": task.system, "contact": contact]),
            identitiesLabel: text("task.identities"),
            identities: task.identities.map { "\(text("task.identity.\($0.kind)")): \($0.value)" },
            correctionsLabel: text("task.corrections"),
            corrections: task.corrections.keys.sorted().map { "\($0): \(task.corrections[$0] ?? "")" },
            recordsLabel: text("task.records"), button: text("task.button"), action: Pages.selfPath(request))
        let response = try await Pages.render("system-task", context, language: text.language, on: request)
        // The page shows a person's identities: never kept by a browser or a proxy.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func listPage(_ list: ErasureOrders.OwnerList, _ request: Request) async throws -> Response {
        let text = try text(request)
        let rules = service.ruleSource.current
        let system = ["system": list.system]
        let due = list.due.map { text.strings.date(rules.localDay($0)) } ?? ""
        let context = TaskPage(
            page: PageFrame(text, title: text("task.list_title", system), path: Pages.selfPath(request)),
            done: list.done, message: text("task.list_done"),
            deadline: text("task.list_due", ["due": due]),
            late: !list.done && (list.due.map { $0 < service.serverClock.now } ?? false),
            lateText: text("task.late"), instruction: text("task.do.erasure_list", system),
            identitiesLabel: text("task.people"),
            identities: list.people.map { person in
                person.map { "\(text("task.identity.\($0.kind)")): \($0.value)" }.joined(separator: "; ")
            },
            correctionsLabel: text("task.corrections"), corrections: [],
            recordsLabel: text("task.records"), button: text("task.button"), action: Pages.selfPath(request))
        let response = try await Pages.render("system-task", context, language: text.language, on: request)
        // The page shows people's identities: never kept by a browser or a proxy.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func invalid(_ request: Request) async throws -> Response {
        let text = try text(request)
        let context = MessagePage(
            page: PageFrame(text, title: text("task.invalid_title"), path: Pages.selfPath(request)),
            message: text("task.invalid"), button: "", action: "", done: true)
        return try await Pages.render("message", context, status: .gone, language: text.language, on: request)
    }
}
