import Testing
import Vapor
import VaporTesting

/// Asks `POST /v1/decisions` (as an admin unless told otherwise), expects 200 and returns the decision.
func decide(
    _ app: Application, _ keys: TestKeys, _ body: [String: any Sendable], as headers: HTTPHeaders? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> Wire.Decision {
    let response = try await app.testing().sendRequest(
        .POST, "v1/decisions", headers: headers ?? keys.admin, body: json(body))
    #expect(response.status == .ok, "\(response.body.string)", sourceLocation: sourceLocation)
    return try decode(Wire.Decision.self, response)
}
