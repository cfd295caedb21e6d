import Fluent
import SargsCore
import SargsKit
import Vapor

/// The privacy center (public, no key), mounted at `SARGS_PRIVACY_CENTER_PATH` (default `/privacy`):
/// the controller's contacts and the rights of this jurisdiction, a form per request type that
/// submits through the same service as `POST /v1/requests`, the page for the e-mailed code, and
/// the private status link. Every form carries a CSRF token; every page works without JavaScript.
struct PrivacyCenterRoutes: Sendable {
    let requests: RequestService
    let pages: PrivacyCenterPages
    let forms: FormProtection
    let clients: ClientAddress
    let prefix: String

    var context: SargsContext { pages.context }
    var renderer: FormPages { FormPages(context: context, forms: forms) }

    func register(_ app: Application) {
        let center = app.grouped(prefix.split(separator: "/").map { PathComponent(stringLiteral: String($0)) })
        center.get(use: home)
        center.get("requests", "new", use: requestForm)
        center.post("requests", use: submit)
        center.get("requests", ":token", "verify", use: verifyForm)
        center.post("requests", ":token", "verify", use: verify)
        center.get("requests", ":token", use: status)
    }

    @Sendable
    func home(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        return try await Pages.render(
            "center-home", pages.home(text, path: Pages.selfPath(request)), language: text.language, on: request)
    }

    @Sendable
    func requestForm(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard let type = request.query[String.self, at: "type"].flatMap(RequestType.init(rawValue:)),
            pages.grantedTypes.contains(type)
        else {
            return try await notFound(request, text)
        }
        return try await renderer.render(
            "center-request", { try pages.requestForm(text, type: type, path: Pages.selfPath(request), csrf: $0) },
            text: text, request)
    }

    @Sendable
    func submit(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        let form = try request.content.decode(RequestForm.self)
        guard let type = RequestType(rawValue: form.type), pages.grantedTypes.contains(type) else {
            return try await notFound(request, text)
        }
        let path = "\(prefix)/requests/new?type=\(type.rawValue)"
        func again(_ field: String, _ key: String, status: HTTPResponseStatus) async throws -> Response {
            try await renderer.render(
                "center-request",
                {
                    try pages.requestForm(
                        text, type: type, path: path, csrf: $0, email: form.email ?? "", error: (field, text(key)))
                }, text: text, status: status, request)
        }
        guard forms.accepts(form.csrf, from: request) else {
            return try await again("email", "error.form", status: .forbidden)
        }
        do {
            let master = context.masterKey, base = "\(context.publicURL)\(prefix)/requests/", language = text.language
            let created = try await UniformTiming.padded {
                try await requests.submit(
                    try form.submission(language: text.language), clientIP: clients.of(request),
                    actor: "privacy-center",
                    statusLink: { id in
                        "\(base)\(try RequestStatusLink.token(for: id, master: master))?lang=\(language)"
                    },
                    on: request.db)
            }
            let token = try RequestStatusLink.token(for: try created.requireID(), master: context.masterKey)
            return request.redirect(
                to: "\(prefix)/requests/\(token)/verify?lang=\(text.language)", redirectType: .normal)
        } catch let error as DomainError {
            if case .rateLimited = error { return try await again("email", "error.rate", status: .tooManyRequests) }
            let field = RequestForm.field(of: error)
            return try await again(
                field, field == "email" ? "error.email" : "error.details", status: .unprocessableEntity)
        }
    }

    @Sendable
    func verifyForm(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard let model = try await find(request) else { return try await notFound(request, text) }
        guard model.status == .awaitingVerification else {
            return request.redirect(to: statusPath(request, text), redirectType: .normal)
        }
        return try await renderer.render(
            "center-verify",
            {
                pages.verify(
                    text, action: request.url.path + "?lang=\(text.language)", path: Pages.selfPath(request), csrf: $0)
            },
            text: text, request)
    }

    @Sendable
    func verify(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard let model = try await find(request) else { return try await notFound(request, text) }
        struct CodeForm: Content { var csrf: String?; var code: String? }
        let form = try request.content.decode(CodeForm.self)
        let action = request.url.path + "?lang=\(text.language)"
        func again(_ key: String, status: HTTPResponseStatus) async throws -> Response {
            try await renderer.render(
                "center-verify",
                { pages.verify(text, action: action, path: Pages.selfPath(request), csrf: $0, error: text(key)) },
                text: text, status: status, request)
        }
        guard forms.accepts(form.csrf, from: request) else { return try await again("error.form", status: .forbidden) }
        do {
            try await requests.verify(
                model, code: (form.code ?? "").trimmingCharacters(in: .whitespaces), actor: "privacy-center",
                on: request.db)
        } catch let error as DomainError {
            if case .rateLimited = error { return try await again("error.rate", status: .tooManyRequests) }
            return try await again("error.code", status: .unprocessableEntity)
        }
        return request.redirect(to: statusPath(request, text), redirectType: .normal)
    }

    @Sendable
    func status(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard let model = try await find(request) else { return try await notFound(request, text) }
        return try await Pages.render(
            "center-status",
            try pages.status(text, request: model, path: Pages.selfPath(request), now: context.clock.now),
            language: text.language, on: request)
    }

    func find(_ request: Request) async throws -> RequestModel? {
        guard let id = RequestStatusLink.request(from: request.parameters.get("token"), master: context.masterKey)
        else { return nil }
        return try await RequestModel.find(id, on: request.db)
    }

    func statusPath(_ request: Request, _ text: PageText) -> String {
        "\(prefix)/requests/\(request.parameters.get("token") ?? "")?lang=\(text.language)"
    }

    func notFound(_ request: Request, _ text: PageText) async throws -> Response {
        let context = MessagePage(
            page: PageFrame(text, title: text("error.not_found"), path: Pages.selfPath(request)),
            message: text("error.not_found"), button: "", action: "", done: true)
        return try await Pages.render("message", context, status: .notFound, language: text.language, on: request)
    }
}
