import Fluent
import SargsCore
import SargsKit
import Vapor

/// The privacy center's consent pages: `consents` (the address), `consents/{token}/verify` (the
/// code), `consents/manage` (each consent with its state and history, give or withdraw). The
/// signed-in session is a sealed, HttpOnly, SameSite=Strict cookie lasting 30 minutes.
struct ConsentCenterRoutes: Sendable {
    static let cookieName = "sargs_consents"
    /// The sign-in link's token and the session cookie are sealed for different contexts: a link
    /// read from a browser history is not a session.
    static let linkContext = "consent-sign-in-link|v1"
    static let cookieContext = "consent-session-cookie|v1"
    let service: ConsentCenterService
    let pages: ConsentCenterPages
    let verifyPages: PrivacyCenterPages
    let forms: FormProtection
    let clients: ClientAddress
    let prefix: String

    var context: SargsContext { pages.context }
    var renderer: FormPages { FormPages(context: context, forms: forms) }

    func register(_ app: Application) {
        let consents = app.grouped(prefix.split(separator: "/").map { PathComponent(stringLiteral: String($0)) })
            .grouped("consents")
        consents.get(use: startForm)
        consents.post(use: start)
        consents.get("manage", use: manage)
        consents.post("manage", use: change)
        consents.get(":token", "verify", use: verifyForm)
        consents.post(":token", "verify", use: verify)
    }

    var startPath: String { "\(prefix)/consents" }

    @Sendable
    func startForm(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        return try await renderer.render(
            "center-consents-start",
            {
                pages.start(text, action: "\(startPath)?lang=\(text.language)", path: Pages.selfPath(request), csrf: $0)
            },
            text: text, request)
    }

    @Sendable
    func start(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        struct Form: Content { var csrf: String?; var email: String? }
        let form = try request.content.decode(Form.self)
        func again(_ key: String, status: HTTPResponseStatus) async throws -> Response {
            try await renderer.render(
                "center-consents-start",
                {
                    pages.start(
                        text, action: "\(startPath)?lang=\(text.language)", path: startPath, csrf: $0, error: text(key))
                }, text: text, status: status, request)
        }
        guard forms.accepts(form.csrf, from: request) else { return try await again("error.form", status: .forbidden) }
        do {
            let session = try await UniformTiming.padded {
                try await service.start(
                    email: form.email, clientIP: clients.of(request), language: text.language, on: request.db)
            }
            let token = try SealedToken.seal(session, context: Self.linkContext, with: context.masterKey)
            return request.redirect(to: "\(startPath)/\(token)/verify?lang=\(text.language)", redirectType: .normal)
        } catch let error as DomainError {
            if case .rateLimited = error { return try await again("error.rate", status: .tooManyRequests) }
            return try await again("error.email", status: .unprocessableEntity)
        }
    }

    func session(from token: String?, context sealing: String = linkContext) -> UUID? {
        token.flatMap { SealedToken.open(UUID.self, from: $0, context: sealing, with: context.masterKey) }
    }

    @Sendable
    func verifyForm(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard session(from: request.parameters.get("token")) != nil else {
            return request.redirect(to: startPath, redirectType: .normal)
        }
        let action = request.url.path + "?lang=\(text.language)"
        return try await renderer.render(
            "center-verify", { verifyPages.verify(text, action: action, path: Pages.selfPath(request), csrf: $0) },
            text: text, request)
    }

    @Sendable
    func verify(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard let id = session(from: request.parameters.get("token")) else {
            return request.redirect(to: startPath, redirectType: .normal)
        }
        struct Form: Content { var csrf: String?; var code: String? }
        let form = try request.content.decode(Form.self)
        let action = request.url.path + "?lang=\(text.language)"
        func again(_ key: String, status: HTTPResponseStatus) async throws -> Response {
            try await renderer.render(
                "center-verify",
                { verifyPages.verify(text, action: action, path: Pages.selfPath(request), csrf: $0, error: text(key)) },
                text: text, status: status, request)
        }
        guard forms.accepts(form.csrf, from: request) else { return try await again("error.form", status: .forbidden) }
        do {
            _ = try await service.confirm(
                session: id, code: (form.code ?? "").trimmingCharacters(in: .whitespaces), on: request.db)
        } catch let error as DomainError {
            if case .rateLimited = error { return try await again("error.rate", status: .tooManyRequests) }
            return try await again("error.code", status: .unprocessableEntity)
        }
        let response = request.redirect(to: "\(startPath)/manage?lang=\(text.language)", redirectType: .normal)
        response.cookies[Self.cookieName] = HTTPCookies.Value(
            string: try SealedToken.seal(id, context: Self.cookieContext, with: context.masterKey),
            maxAge: Int(ConsentCenterService.sessionLifetime), path: startPath, isSecure: forms.secure,
            isHTTPOnly: true, sameSite: .strict)
        return response
    }

    func signedIn(_ request: Request) async throws -> SubjectModel? {
        guard let id = session(from: request.cookies[Self.cookieName]?.string, context: Self.cookieContext) else {
            return nil
        }
        return try await service.subject(session: id, on: request.db)
    }

    @Sendable
    func manage(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard let subject = try await signedIn(request) else { return try await expired(request, text) }
        return try await managePage(request, text, subject, error: nil, status: .ok)
    }

    /// The signed-in visitor's consents, with `error` above them when a change was refused.
    func managePage(
        _ request: Request, _ text: PageText, _ subject: SubjectModel, error: String?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let events = try await ConsentEventModel.query(on: request.db).filter(\.$subjectID == subject.requireID()).sort(
            \.$recordedAt
        ).all()
        let now = context.clock.now
        return try await renderer.render(
            "center-consents",
            {
                pages.manage(
                    text, events: events.map(\.event), methods: events.map(\.method),
                    action: "\(startPath)/manage?lang=\(text.language)",
                    path: Pages.selfPath(request), csrf: $0,
                    saved: error == nil && request.query[String.self, at: "saved"] == "1", now: now,
                    error: error)
            }, text: text, status: status, request)
    }

    @Sendable
    func change(_ request: Request) async throws -> Response {
        let text = try renderer.text(request)
        guard let subject = try await signedIn(request) else { return try await expired(request, text) }
        struct Form: Content { var csrf: String?; var purpose: String; var channel: String?; var state: String }
        // Bad input answers with the page and a sentence, never with a raw problem document.
        guard let form = try? request.content.decode(Form.self) else {
            return try await managePage(
                request, text, subject, error: text("consents.invalid_change"), status: .badRequest)
        }
        guard forms.accepts(form.csrf, from: request) else { return try await expired(request, text) }
        let channel = form.channel.flatMap { $0.isEmpty ? nil : ContactChannel(rawValue: $0) }
        guard let state = ConsentEvent.State(rawValue: form.state), (form.channel ?? "").isEmpty || channel != nil
        else {
            return try await managePage(
                request, text, subject, error: text("consents.invalid_change"), status: .unprocessableEntity)
        }
        do {
            try await service.change(
                subject: subject, purpose: form.purpose, channel: channel,
                state: state, clientIP: clients.of(request), userAgent: request.headers.first(name: .userAgent),
                on: request.db)
        } catch let error as DomainError {
            guard case .invalid = error else { throw error }
            return try await managePage(
                request, text, subject, error: text("consents.invalid_change"), status: .unprocessableEntity)
        }
        return request.redirect(to: "\(startPath)/manage?lang=\(text.language)&saved=1", redirectType: .normal)
    }

    func expired(_ request: Request, _ text: PageText) async throws -> Response {
        try await renderer.render(
            "center-consents-start",
            {
                pages.start(
                    text, action: "\(startPath)?lang=\(text.language)", path: startPath, csrf: $0,
                    error: text("consents.expired"))
            }, text: text, status: .unauthorized, request)
    }
}
