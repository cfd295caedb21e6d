import Testing
import Vapor
import VaporTesting

/// Staff actions on a data-subject request: `POST /v1/requests/{id}/{verb}`.
enum RequestActions {
    /// Performs an action (as the DPO unless told otherwise), expects 200 and returns the updated request.
    @discardableResult
    static func perform(
        _ app: Application, _ keys: TestKeys, _ id: String, _ verb: String, _ body: [String: any Sendable] = [:],
        as headers: HTTPHeaders? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Wire.Request {
        let response = try await send(app, keys, id, verb, body, as: headers)
        #expect(response.status == .ok, "\(verb): \(response.body.string)", sourceLocation: sourceLocation)
        return try decode(Wire.Request.self, response)
    }

    /// Attempts an action that must be refused with `status` (and, when given, naming `field`); returns the problem.
    @discardableResult
    static func refused(
        _ app: Application, _ keys: TestKeys, _ id: String, _ verb: String, _ body: [String: any Sendable] = [:],
        as headers: HTTPHeaders? = nil, status: HTTPResponseStatus, field: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Wire.Problem {
        let response = try await send(app, keys, id, verb, body, as: headers)
        return try expectProblem(response, status: status, field: field, sourceLocation: sourceLocation)
    }

    private static func send(
        _ app: Application, _ keys: TestKeys, _ id: String, _ verb: String, _ body: [String: any Sendable],
        as headers: HTTPHeaders?
    ) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(
            .POST, "v1/requests/\(id)/\(verb)", headers: headers ?? keys.dpo, body: json(body))
    }
}
