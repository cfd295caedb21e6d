import Fluent
import SargsCore
import SargsKit
import Vapor

/// `/v1/breaches`: the breach register (admin and dpo keys).
struct BreachRoutes: Sendable {
    let service: BreachService

    func register(_ routes: any RoutesBuilder) {
        let breaches = routes.grouped("v1", "breaches")
        breaches.post(use: record)
        breaches.get(use: list)
        breaches.get(":breachID", use: show)
        breaches.post(":breachID", "notify-authority", use: notifyAuthority)
        breaches.post(":breachID", "assess", use: assess)
        breaches.post(":breachID", "close", use: close)
        breaches.get(":breachID", "report", use: report)
    }

    @Sendable
    func record(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        let view = try await service.record(
            try request.content.decode(RecordBreachBody.self).command(), by: principal, on: request.db)
        let response = try SnakeCaseJSON.response(view, status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/v1/breaches/\(view.id)")
        return response
    }

    /// The register; `?overdue=true` lists only breaches past the authority deadline.
    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .breachesManage)
        return try SnakeCaseJSON.response(
            try await service.register(overdue: try request.booleanQuery("overdue"), on: request.db))
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .breachesManage)
        return try SnakeCaseJSON.response(
            try await service.show(
                try request.parameters.require("breachID", as: UUID.self, field: "id"), on: request.db))
    }

    @Sendable
    func notifyAuthority(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        let body = try request.optionalBody(NotifyAuthorityBody.self, or: NotifyAuthorityBody())
        return try SnakeCaseJSON.response(
            try await service.notifyAuthority(
                try request.parameters.require("breachID", as: UUID.self, field: "id"), notifiedAt: body.notifiedAt,
                delayReasons: body.delayReasons, by: principal, on: request.db))
    }

    @Sendable
    func assess(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        return try SnakeCaseJSON.response(
            try await service.assess(
                try request.parameters.require("breachID", as: UUID.self, field: "id"),
                try request.content.decode(AssessBreachBody.self).command(), by: principal,
                on: request.db))
    }

    @Sendable
    func close(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        let body = try request.optionalBody(CloseBreachBody.self, or: CloseBreachBody())
        return try SnakeCaseJSON.response(
            try await service.close(
                try request.parameters.require("breachID", as: UUID.self, field: "id"),
                notNotifiedReason: body.notNotifiedReason, by: principal, on: request.db))
    }

    /// The Art. 33(3) notification: JSON by default, `?format=html` for a page to print or attach.
    @Sendable
    func report(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .breachesManage)
        let format = request.query[String.self, at: "format"] ?? "json"
        guard format == "json" || format == "html" else { throw DomainError.invalid("format", "must be json or html") }
        let report = try await service.report(
            try request.parameters.require("breachID", as: UUID.self, field: "id"), by: principal, on: request.db)
        guard format == "html" else { return try SnakeCaseJSON.response(report) }
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: .ok, headers: headers, body: .init(string: try service.html(report)))
    }
}
