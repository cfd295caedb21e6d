import Foundation
@testable import SargsKit
import Testing
import Vapor
import VaporTesting

/// A body that does not have the shape a test expects; shows the body.
struct UnexpectedBody: Error, CustomStringConvertible {
    let expected: String
    let underlying: any Error
    let body: String

    var description: String { "the body is not a \(expected) (\(underlying)):\n\(body)" }
}

/// Reads a JSON body as `type`: keys exactly as `type` spells them, ISO 8601 dates.
func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
        return try decoder.decode(type, from: data)
    } catch {
        throw UnexpectedBody(
            expected: String(describing: type), underlying: error, body: String(decoding: data, as: UTF8.self))
    }
}

/// Reads a response's JSON body as `type`.
func decode<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
    try decode(type, Data(response.body.readableBytesView))
}

/// GETs `path` with `headers`, expects 200 and reads the body as `type`.
func getJSON<T: Decodable>(
    _ type: T.Type, _ app: Application, _ path: String, as headers: HTTPHeaders,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> T {
    let response = try await app.testing().sendRequest(.GET, path, headers: headers)
    #expect(response.status == .ok, "GET \(path): \(response.body.string)", sourceLocation: sourceLocation)
    return try decode(type, response)
}

/// Expects an RFC 9457 problem: the status, `application/problem+json`, the same status in the
/// body and, when `field` is given, that field named. Returns the problem for further checks.
@discardableResult
func expectProblem(
    _ response: TestingHTTPResponse, status: HTTPResponseStatus, field: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Wire.Problem {
    #expect(response.status == status, "\(response.body.string)", sourceLocation: sourceLocation)
    #expect(
        response.headers.contentType?.description.hasPrefix("application/problem+json") == true,
        "content type \(response.headers.contentType?.description ?? "none")", sourceLocation: sourceLocation)
    let problem = try decode(Wire.Problem.self, response)
    #expect(problem.status == Int(status.code), sourceLocation: sourceLocation)
    if let field { #expect(problem.field == field, sourceLocation: sourceLocation) }
    return problem
}

/// The member names of a JSON object, to prove one is absent (not merely null).
struct MemberNames: Decodable {
    let all: Set<String>

    init(from decoder: any Decoder) throws {
        all = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
