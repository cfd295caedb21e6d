import Fluent
import SargsKit
import Vapor

/// `/v1/subjects/{id}/disclosures`, `/holds` and `/v1/recipients/{id}/endpoint`.
struct RecordRoutes: Sendable {
    let service: RecordService

    func register(_ routes: any RoutesBuilder) {
        let subject = routes.grouped("v1", "subjects", ":subjectID")
        subject.post("disclosures", use: recordDisclosure)
        subject.get("disclosures", use: disclosures)
        subject.post("holds", use: addHold)
        subject.post("holds", ":holdID", "release", use: releaseHold)
        routes.put("v1", "recipients", ":recipient", "endpoint", use: setEndpoint)
    }

    @Sendable
    func recordDisclosure(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .disclosuresRecord)
        return try CreatedResponse.response(
            try await service.recordDisclosure(
                try request.content.decode(DisclosureBody.self).command(),
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                by: principal, on: request.db))
    }

    @Sendable
    func disclosures(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .disclosuresRead)
        return try SnakeCaseJSON.response(
            try await service.disclosures(
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"), on: request.db))
    }

    @Sendable
    func addHold(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .holdsManage)
        return try CreatedResponse.response(
            try await service.addHold(
                try request.content.decode(HoldBody.self).command(),
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                by: principal, on: request.db))
    }

    @Sendable
    func releaseHold(_ request: Request) async throws -> HTTPStatus {
        let principal = try request.principal(for: .holdsManage)
        try await service.releaseHold(
            subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
            hold: try request.parameters.require("holdID", as: UUID.self, field: "hold_id"),
            by: principal, on: request.db)
        return .noContent
    }

    @Sendable
    func setEndpoint(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .recipientEndpointsSet)
        let endpoint = try await service.setEndpoint(
            url: try request.content.decode(EndpointBody.self).url,
            recipient: request.parameters.get("recipient") ?? "",
            by: principal, on: request.db)
        return try SnakeCaseJSON.response(EndpointView(endpoint))
    }
}
