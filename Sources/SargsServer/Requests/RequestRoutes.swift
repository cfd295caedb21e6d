import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/v1/requests`: data-subject requests from receipt to answer.
struct RequestRoutes: Sendable {
    let service: RequestService

    func register(_ routes: any RoutesBuilder) {
        let requests = routes.grouped("v1", "requests")
        requests.post(use: submit)
        requests.get(use: list)
        requests.get(":requestID", use: show)
        requests.post(":requestID", "verify", use: verify)
        requests.post(":requestID", "challenge", use: challenge)
        requests.post(":requestID", "extend", use: extend)
        requests.post(":requestID", "approve", use: approve)
        requests.post(":requestID", "complete", use: complete)
        requests.post(":requestID", "reject", use: reject)
        requests.post(":requestID", "recipients", ":recipient", "confirm", use: confirmRecipient)
        requests.post(":requestID", "systems", ":system", "retry", use: retrySystem)
        requests.post(":requestID", "systems", ":system", "resolve", use: resolveSystem)
    }

    /// Closes a failed or waiting company system by hand, with a reason from a closed list.
    @Sendable
    func resolveSystem(_ request: Request) async throws -> Response {
        // The body is read once the caller may decide (`act`): no key is a 401, not a 400.
        try await act(request) { model, actor in
            let body = try request.content.decode(ResolveSystemBody.self)
            guard let resolution = SystemResolution(rawValue: body.reason) else {
                throw DomainError.invalid(
                    "reason", "must be one of \(SystemResolution.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await service.resolve(
                system: request.parameters.get("system") ?? "", of: model, as: resolution, records: body.records,
                actor: actor, on: request.db)
        }
    }

    /// Carries out a failed company system again, alone; the request completes when every system is done.
    @Sendable
    func retrySystem(_ request: Request) async throws -> Response {
        try await act(request) { model, actor in
            try await service.retry(
                system: request.parameters.get("system") ?? "", of: model, actor: actor, on: request.db)
        }
    }

    @Sendable
    func submit(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .requestsSubmit)
        let body = try request.content.decode(SubmitRequestBody.self).command()
        try service.authorise(principal, toSubmit: body)
        // Only staff date a request back to when it arrived by e-mail or post.
        if body.receivedOn != nil { _ = try principal.requiring(.requestsAttest) }
        let created = try await service.submit(
            body, clientIP: request.remoteAddress?.ipAddress ?? "unknown", actor: principal.actor,
            on: request.db)
        let response = try SnakeCaseJSON.response(
            try await service.view(created, detail: false, on: request.db), status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/v1/requests/\(try created.requireID().wire)")
        return response
    }

    /// Requests by due date, filtered by status, type or overdue, a page at a time (`limit` 1–1000, default 100).
    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsRead)
        let filter = try RequestService.ListFilter(
            status: try request.textQuery("status"), type: try request.textQuery("type"),
            overdue: try request.booleanQuery("overdue"),
            limit: try request.integerQuery("limit", in: 1...1000),
            offset: try request.integerQuery("offset", in: 0...1_000_000))
        return try SnakeCaseJSON.response(try await service.list(filter, on: request.db))
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsRead)
        return try await shown(
            try await RequestQueries.find(
                try request.parameters.require("requestID", as: UUID.self, field: "id"), on: request.db), request)
    }

    @Sendable
    func verify(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .requestsVerifyCode)
        let verification = try request.content.decode(VerifyBody.self).verification()
        let model = try await RequestQueries.find(
            try request.parameters.require("requestID", as: UUID.self, field: "id"), on: request.db)
        try service.authorise(principal, toHandle: model)
        switch verification {
        case .attestation(let attestation):
            _ = try principal.requiring(.requestsAttest)
            try await service.attest(model, attestation, actor: principal.actor, on: request.db)
        case .code(let code):
            try await service.verify(model, code: code, actor: principal.actor, on: request.db)
        }
        return try await shown(model, request)
    }

    @Sendable
    func challenge(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .requestsVerifyCode)
        let model = try await RequestQueries.find(
            try request.parameters.require("requestID", as: UUID.self, field: "id"), on: request.db)
        try service.authorise(principal, toHandle: model)
        let ip =
            try request.optionalBody(ChallengeBody.self, or: ChallengeBody()).clientIp ?? request.remoteAddress?
            .ipAddress ?? "unknown"
        try await service.challengeAgain(model, clientIP: ip, actor: principal.actor, on: request.db)
        return try await shown(model, request)
    }

    @Sendable
    func extend(_ request: Request) async throws -> Response {
        try await act(request) { model, actor in
            let body = try request.content.decode(ExtendBody.self)
            try await service.extend(model, by: body.by, reasons: body.reasons, actor: actor, on: request.db)
        }
    }

    @Sendable
    func approve(_ request: Request) async throws -> Response {
        try await act(request) { model, actor in
            let command = try request.optionalBody(ApproveBody.self, or: ApproveBody()).command()
            try await service.approve(model, command, actor: actor, on: request.db)
        }
    }

    @Sendable
    func complete(_ request: Request) async throws -> Response {
        try await act(request) { model, actor in
            let body = try request.content.decode(CompleteBody.self)
            try await service.complete(model, note: body.note, actor: actor, on: request.db)
        }
    }

    @Sendable
    func reject(_ request: Request) async throws -> Response {
        try await act(request) { model, actor in
            let body = try request.content.decode(RejectBody.self)
            try await service.reject(model, kind: body.kind, reason: body.reason, actor: actor, on: request.db)
        }
    }

    @Sendable
    func confirmRecipient(_ request: Request) async throws -> Response {
        try await act(request) { model, actor in
            try await service.confirmRecipient(
                model, recipient: request.parameters.get("recipient") ?? "", actor: actor, on: request.db)
        }
    }

    /// A staff action on the request in the path: the caller's permission to decide is checked first, then the
    /// request is loaded, `body` runs and the request is shown as it now stands.
    func act(_ request: Request, _ body: (RequestModel, String) async throws -> Void) async throws -> Response {
        let principal = try request.principal(for: .requestsDecide)
        let id = try request.parameters.require("requestID", as: UUID.self, field: "id")
        try await body(try await RequestQueries.find(id, on: request.db), principal.actor)
        // As stored after the action: a service changes the row in its own transaction.
        return try await shown(try await RequestQueries.find(id, on: request.db), request)
    }

    func shown(_ model: RequestModel, _ request: Request) async throws -> Response {
        try SnakeCaseJSON.response(try await service.view(model, detail: true, on: request.db))
    }
}
