import Vapor

/// An error answered as RFC 9457 `application/problem+json`, naming the field and the problem.
/// Details never contain personal values.
struct APIProblem: Error, Sendable {
    let status: HTTPResponseStatus
    let type: String
    let title: String
    let detail: String
    /// The request field at fault, as a JSON pointer-like path (`data.user.contact.email`).
    let field: String?

    static func invalid(_ field: String, _ detail: String) -> APIProblem {
        APIProblem(status: .unprocessableEntity, type: "invalid-field", title: "A field is invalid", detail: detail, field: field)
    }

    static func badRequest(_ field: String?, _ detail: String) -> APIProblem {
        APIProblem(status: .badRequest, type: "bad-request", title: "The request is malformed", detail: detail, field: field)
    }

    static func unauthorized(_ detail: String) -> APIProblem {
        APIProblem(status: .unauthorized, type: "unauthorized", title: "No valid API key", detail: detail, field: nil)
    }

    static func forbidden(_ detail: String) -> APIProblem {
        APIProblem(status: .forbidden, type: "forbidden", title: "The API key may not do this", detail: detail, field: nil)
    }

    static func notFound(_ what: String) -> APIProblem {
        APIProblem(status: .notFound, type: "not-found", title: "Not found", detail: "\(what) does not exist", field: nil)
    }

    static func tooManyRequests(_ field: String?, _ detail: String) -> APIProblem {
        APIProblem(status: .tooManyRequests, type: "too-many-requests", title: "Too many requests", detail: detail, field: field)
    }

    static func conflict(_ field: String, _ detail: String) -> APIProblem {
        APIProblem(status: .conflict, type: "conflict", title: "Conflict", detail: detail, field: field)
    }
}

/// Turns every error into a problem document; unexpected errors are logged without their
/// details reaching the client.
struct ProblemMiddleware: AsyncMiddleware {
    struct Body: Content {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var field: String?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let problem as APIProblem {
            return try Self.response(problem)
        } catch let decoding as DecodingError {
            return try Self.response(.badRequest(Self.field(of: decoding), "the body does not match the expected shape: \(Self.summary(of: decoding))"))
        } catch let abort as any AbortError {
            return try Self.response(APIProblem(status: abort.status, type: "http-\(abort.status.code)",
                                                title: abort.status.reasonPhrase, detail: abort.reason, field: nil))
        } catch {
            request.logger.error("unexpected error", metadata: ["type": .string(String(describing: type(of: error)))])
            return try Self.response(APIProblem(status: .internalServerError, type: "internal", title: "Internal error",
                                                detail: "the server could not complete the request", field: nil))
        }
    }

    static func response(_ problem: APIProblem) throws -> Response {
        let body = Body(type: "https://sargs.dev/problems/\(problem.type)", title: problem.title, status: Int(problem.status.code),
                        detail: problem.detail, field: problem.field)
        let response = Response(status: problem.status)
        try response.content.encode(body, as: .json)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        return response
    }

    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        @unknown default: return nil
        }
        return path.map(\.stringValue).joined(separator: ".")
    }

    static func summary(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(let type, _): return "expected \(type)"
        case .valueNotFound(let type, _): return "expected \(type), found null"
        case .dataCorrupted: return "invalid JSON or value"
        @unknown default: return "invalid body"
        }
    }
}
