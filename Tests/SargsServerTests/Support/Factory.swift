import Foundation
import enum SargsCore.Timestamp
import Testing
import Vapor
import VaporTesting

/// Test data made through the HTTP API, as a client would make it; each step expects success.
enum Factory {
    /// Stores a subject (Anna unless told otherwise) and returns its id.
    static func subject(
        _ app: Application, _ keys: TestKeys, _ subject: NewSubject = .anna,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await app.testing().sendRequest(
            .POST, "v1/subjects", headers: keys.admin, body: json(subject))
        #expect(response.status == .created, "\(response.body.string)", sourceLocation: sourceLocation)
        return try decode(Wire.Created.self, response).id.uuidString
    }

    /// Stores a subject whose data was collected `daysAgo` days before `now` (an import, `collected_at`); returns its
    /// id in lower case.
    static func imported(
        _ app: Application, _ keys: TestKeys, purpose: String, daysAgo: Double, now: Date, data: [String: String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let body: [String: any Sendable] = [
            "country": "LV", "language": "lv", "source": "import", "collected_for": purpose,
            "collected_at": Timestamp.iso8601(now.addingTimeInterval(-daysAgo * 86_400)), "data": data,
        ]
        let response = try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(body))
        #expect(response.status == .created, "\(response.body.string)", sourceLocation: sourceLocation)
        return try decode(Wire.Created.self, response).id.uuidString.lowercased()
    }

    /// Records a consent event (by an agent) and returns it as the ledger shows it.
    @discardableResult
    static func consent(
        _ app: Application, _ keys: TestKeys, subject: String, purpose: String, state: String = "given",
        channel: String? = nil, method: String = "web_form", evidence: [String: String]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Wire.ConsentEvent {
        var body: [String: any Sendable] = ["purpose": purpose, "state": state, "method": method]
        if let channel { body["channel"] = channel }
        if let evidence { body["evidence"] = evidence }
        let response = try await app.testing().sendRequest(
            .POST, "v1/subjects/\(subject)/consents", headers: keys.agent, body: json(body))
        #expect(response.status == .created, "\(response.body.string)", sourceLocation: sourceLocation)
        return try decode(Wire.ConsentEvent.self, response)
    }

    /// Records a relationship (a contract, by default a customer one since 1 January 2025) that carries contract
    /// purposes.
    static func relationship(
        _ app: Application, _ keys: TestKeys, subject: String, kind: String = "customer",
        start: String = "2025-01-01T00:00:00Z", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await app.testing().sendRequest(
            .POST, "v1/subjects/\(subject)/relationships", headers: keys.agent,
            body: json(["kind": kind, "start": start]))
        #expect(response.status == .created, "\(response.body.string)", sourceLocation: sourceLocation)
    }

    /// Logs that the subject's data in `categories` was disclosed to a recipient of the policy.
    static func disclosure(
        _ app: Application, _ keys: TestKeys, subject: String, recipient: String, purpose: String = "services",
        categories: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await app.testing().sendRequest(
            .POST, "v1/subjects/\(subject)/disclosures", headers: keys.agent,
            body: json(["recipient": recipient, "purpose": purpose, "categories": categories]))
        #expect(response.status == .created, "\(response.body.string)", sourceLocation: sourceLocation)
    }

    /// Submits a data-subject request (as an agent) and returns it as received.
    static func request(
        _ app: Application, _ keys: TestKeys, _ body: [String: any Sendable],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Wire.Request {
        let response = try await app.testing().sendRequest(.POST, "v1/requests", headers: keys.agent, body: json(body))
        #expect(response.status == .created, "\(response.body.string)", sourceLocation: sourceLocation)
        return try decode(Wire.Request.self, response)
    }

    /// Submits a request for Anna by e-mail, in Latvian, and verifies it with the code from her inbox; returns its id.
    static func verifiedRequest(
        _ app: Application, _ keys: TestKeys, type: String, details: [String: any Sendable]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        var body: [String: any Sendable] = [
            "type": type, "email": NewSubject.annasEmail, "language": "lv", "channel": "web",
        ]
        if let details { body["details"] = details }
        let created = try await request(app, keys, body, sourceLocation: sourceLocation)
        #expect(created.status == "awaiting_verification", sourceLocation: sourceLocation)
        let mail = try await SentMail.deliverAndRead(app)
        let code = try #require(
            mail.last { $0.subject == "Jūsu verifikācijas kods" }?.code, sourceLocation: sourceLocation)
        let verified = try await RequestActions.perform(
            app, keys, created.id.uuidString, "verify", ["code": code], as: keys.agent,
            sourceLocation: sourceLocation)
        #expect(verified.status == "verified", sourceLocation: sourceLocation)
        return created.id.uuidString
    }
}
