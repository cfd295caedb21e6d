import Fluent
import SargsCore
import SargsKit
import Vapor

/// One-click unsubscribe (RFC 8058): `POST /v1/unsubscribe-links` for the company's mailer (service
/// keys, and admin), and the public `/u/{token}`: `GET` shows a page with a button and changes
/// nothing; `POST` (the mail client's `List-Unsubscribe=One-Click`, or the button) unsubscribes at
/// once, without cookies or login, and again changes nothing the second time.
struct UnsubscribeRoutes: Sendable {
    let service: UnsubscribeService

    func register(_ routes: any RoutesBuilder) {
        routes.post("v1", "unsubscribe-links", use: link)
        routes.get("u", ":token", use: show)
        routes.post("u", ":token", use: unsubscribe)
    }

    struct LinkBody: Content {
        var subjectId: String?
        var purpose: String?
        var channel: String?

        enum CodingKeys: String, CodingKey { case subjectId = "subject_id", purpose, channel }
    }

    @Sendable
    func link(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .unsubscribeLinksCreate)
        let body = try request.content.decode(LinkBody.self)
        let link = try await service.link(
            subject: try PathID.parse(body.subjectId, field: "subject_id"), purpose: body.purpose,
            channel: try ContactChannel.parsed(body.channel), by: principal, on: request.db)
        return try SnakeCaseJSON.response(link, status: .created)
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        do {
            let target = try await service.target(request.parameters.get("token"), on: request.db)
            return try await page(target, request)
        } catch DomainError.linkExpired {
            return try await invalid(request)
        }
    }

    @Sendable
    func unsubscribe(_ request: Request) async throws -> Response {
        do {
            let target = try await service.unsubscribe(request.parameters.get("token"), on: request.db)
            return try await page(target, request)
        } catch DomainError.linkExpired {
            return try await invalid(request)
        }
    }

    func text(_ request: Request, preferred: String?) throws -> PageText {
        try PageText(
            policy: service.ruleSource.current.policy, explicit: request.query[String.self, at: "lang"],
            acceptLanguage: request.headers.first(name: .acceptLanguage),
            preferred: request.query[String.self, at: "lang"] == nil ? preferred : nil)
    }

    func page(_ target: UnsubscribeService.Target, _ request: Request) async throws -> Response {
        let text = try text(request, preferred: target.language)
        let path = Pages.selfPath(request)
        let values = [
            "purpose": text.purpose(target.token.purpose), "channel": text("channel.\(target.token.channel.rawValue)"),
        ]
        let objection = service.ruleSource.current.policy.purpose(target.token.purpose)?.legalBasis != .consent
        let message =
            target.done
            ? text(objection ? "unsubscribe.done_objection" : "unsubscribe.done", values)
            : text("unsubscribe.ask", values)
        let context = MessagePage(
            page: PageFrame(text, title: text("unsubscribe.title"), path: path), message: message,
            button: text("unsubscribe.button"), action: path, done: target.done)
        return try await Pages.render("message", context, language: text.language, on: request)
    }

    func invalid(_ request: Request) async throws -> Response {
        let text = try text(request, preferred: nil)
        let context = MessagePage(
            page: PageFrame(text, title: text("unsubscribe.invalid_title"), path: Pages.selfPath(request)),
            message: text("unsubscribe.invalid"), button: "", action: "", done: true)
        return try await Pages.render("message", context, status: .gone, language: text.language, on: request)
    }
}
