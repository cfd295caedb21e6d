import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/v1/subjects`: store personal data sealed in the vault, and read it only for a purpose.
struct SubjectRoutes: Sendable {
    let service: SubjectService

    func register(_ routes: any RoutesBuilder) {
        let subjects = routes.grouped("v1", "subjects")
        subjects.post(use: create)
        subjects.post("lookup", use: lookup)
        subjects.get(":subjectID", use: read)
        subjects.patch(":subjectID", use: update)
    }

    @Sendable
    func create(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .subjectsWrite)
        let id = try await service.create(
            try request.content.decode(CreateSubjectRequest.self).command(), by: principal, on: request.db)
        return try CreatedResponse.response(id, location: "/v1/subjects/\(id.wire)")
    }

    @Sendable
    func read(_ request: Request) async throws -> SubjectReadResponse {
        let principal = try request.principal(for: .subjectsRead)
        return SubjectReadResponse(
            try await service.read(
                try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                purpose: request.queryParameter("purpose"), by: principal, on: request.db))
    }

    @Sendable
    func lookup(_ request: Request) async throws -> SubjectReadResponse {
        let principal = try request.principal(for: .subjectsRead)
        let lookup = try request.content.decode(LookupRequest.self).command()
        return SubjectReadResponse(try await service.lookup(lookup, by: principal, on: request.db))
    }

    @Sendable
    func update(_ request: Request) async throws -> HTTPStatus {
        let principal = try request.principal(for: .subjectsWrite)
        let subjectID = try request.parameters.require("subjectID", as: UUID.self, field: "id")
        try await service.update(
            try request.content.decode(UpdateSubjectRequest.self).command(subject: subjectID), by: principal,
            on: request.db)
        return .noContent
    }
}
