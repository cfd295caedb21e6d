import Fluent
import SargsCore
import SargsKit
import Vapor

/// `/v1/policy/versions`: publishing and following policy versions (admin and dpo keys).
struct PolicyVersionRoutes: Sendable {
    let service: PolicyVersionService

    func register(_ routes: any RoutesBuilder) {
        let versions = routes.grouped("v1", "policy", "versions")
        versions.on(.POST, body: .collect(maxSize: "2mb"), use: publish)
        versions.get(use: list)
        versions.get(":versionID", use: show)
    }

    @Sendable
    func publish(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .policyManage)
        let body: PublishPolicyBody
        if request.headers.contentType?.subType.hasSuffix("yaml") == true {
            body = PublishPolicyBody(
                yaml: request.body.string ?? "", effectiveOn: request.query[String.self, at: "effective_on"])
        } else {
            body = try request.content.decode(PublishPolicyBody.self)
        }
        let view = try await service.publish(
            yaml: body.yaml, file: "request body", effectiveOn: body.effectiveOn, by: principal.actor,
            on: request.db)
        let response = try SnakeCaseJSON.response(view, status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/v1/policy/versions/\(view.id)")
        return response
    }

    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .policyManage)
        return try SnakeCaseJSON.response(PolicyVersionList(versions: try await service.list(on: request.db)))
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .policyManage)
        return try SnakeCaseJSON.response(
            try await service.show(
                try request.parameters.require("versionID", as: UUID.self, field: "id"), on: request.db))
    }
}
