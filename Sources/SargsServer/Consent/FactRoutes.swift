import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/v1/subjects/{id}/…`: the consent ledger and the other facts decisions rest on —
/// relationships, objections, restrictions.
struct FactRoutes: Sendable {
    let consents: ConsentService
    let facts: FactService

    func register(_ routes: any RoutesBuilder) {
        let subject = routes.grouped("v1", "subjects", ":subjectID")
        subject.post("consents", use: recordConsent)
        subject.post("consents", "pending", ":pendingID", "confirm", use: confirmConsent)
        subject.get("consents", use: overview)
        subject.get("consents", ":eventID", "receipt", use: receipt)
        subject.post("relationships", use: addRelationship)
        subject.post("transactions", use: recordTransaction)
        subject.post("objections", use: addObjection)
        subject.post("restrictions", use: addRestriction)
        subject.post("restrictions", ":restrictionID", "lift", use: liftRestriction)
    }

    @Sendable
    func recordConsent(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .consentsRecord)
        let subjectID = try request.parameters.require("subjectID", as: UUID.self, field: "id")
        let command = try request.content.decode(ConsentRequest.self).command()
        if command.confirmedByEmailCode {
            let pending = try await consents.requestConfirmation(
                command, subject: subjectID, by: principal, on: request.db)
            let response = Response(status: .accepted)
            try response.content.encode(PendingConsentView(pending))
            return response
        }
        let event = try await consents.record(command, subject: subjectID, by: principal, on: request.db)
        let response = Response(status: .created)
        try response.content.encode(ConsentEventResponse(event))
        return response
    }

    /// The subject entered the code: the pending consent enters the ledger.
    @Sendable
    func confirmConsent(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .consentsRecord)
        let event = try await consents.confirm(
            subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
            pending: try request.parameters.require("pendingID", as: UUID.self, field: "pending_id"),
            code: try request.content.decode(ConfirmConsentBody.self).code, by: principal, on: request.db)
        let response = Response(status: .created)
        try response.content.encode(ConsentEventResponse(event))
        return response
    }

    @Sendable
    func overview(_ request: Request) async throws -> ConsentOverview {
        let principal = try request.principal(for: .factsRead)
        return try await consents.overview(
            subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"), by: principal,
            on: request.db)
    }

    @Sendable
    func receipt(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .factsRead)
        let receipt = try await consents.receipt(
            subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
            event: try request.parameters.require("eventID", as: UUID.self, field: "event_id"),
            by: principal, on: request.db)
        let response = Response(status: .ok, body: .init(data: try receipt.json()))
        response.headers.contentType = .json
        return response
    }

    @Sendable
    func addRelationship(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .relationshipsRecord)
        return try CreatedResponse.response(
            try await facts.addRelationship(
                try request.content.decode(RelationshipRequest.self).command(),
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                by: principal, on: request.db))
    }

    /// `POST /v1/subjects/{id}/transactions {"at": …}`: an accounting record (an invoice, a payment)
    /// was made about the subject; the latest one starts accounting retention (`end_of_financial_year`).
    @Sendable
    func recordTransaction(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .relationshipsRecord)
        let body = try request.content.decode(TransactionRequest.self)
        let latest = try await facts.recordTransaction(
            at: body.at, subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
            by: principal, on: request.db)
        return try SnakeCaseJSON.response(TransactionView(lastTransactionAt: latest))
    }

    @Sendable
    func addObjection(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .objectionsRecord)
        return try CreatedResponse.response(
            try await facts.addObjection(
                try request.content.decode(ObjectionRequest.self).command(),
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                by: principal, on: request.db))
    }

    @Sendable
    func addRestriction(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .restrictionsPlace)
        return try CreatedResponse.response(
            try await facts.addRestriction(
                purpose: try request.content.decode(RestrictionRequest.self).purpose,
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                by: principal, on: request.db))
    }

    @Sendable
    func liftRestriction(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .restrictionsLift)
        let lift = try request.optionalBody(LiftRequest.self, or: LiftRequest()).command(
            subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
            restriction: try request.parameters.require("restrictionID", as: UUID.self, field: "restriction_id"))
        return try SnakeCaseJSON.response(
            LiftResponse(try await facts.liftRestriction(lift, by: principal, on: request.db)))
    }
}
