import SargsCore
import Vapor

/// An RFC 9457 problem document: the one shape every error takes on the wire. Built only here,
/// from the domain errors services throw; details never contain personal values.
public struct APIProblem: Sendable {
    public let status: HTTPResponseStatus
    public let type: String
    public let title: String
    public let detail: String
    /// The request field at fault, as a dotted path (`data.user.contact.email`).
    public let field: String?

    /// The one mapping from domain errors to problems.
    public init(_ error: DomainError) {
        switch error {
        case .invalid(let field, let detail):
            self.init(
                status: .unprocessableEntity, type: "invalid-field", title: "A field is invalid", detail: detail,
                field: field)
        case .malformed(let field, let detail):
            self.init(
                status: .badRequest, type: "bad-request", title: "The request is malformed", detail: detail,
                field: field)
        case .unauthenticated(let detail):
            self.init(
                status: .unauthorized, type: "unauthorized", title: "No valid API key", detail: detail, field: nil)
        case .forbidden(let detail):
            self.init(
                status: .forbidden, type: "forbidden", title: "The API key may not do this", detail: detail, field: nil)
        case .notFound:
            self.init(status: .notFound, type: "not-found", title: "Not found", detail: error.description, field: nil)
        case .rateLimited(let field, let detail):
            self.init(
                status: .tooManyRequests, type: "too-many-requests", title: "Too many requests", detail: detail,
                field: field)
        case .conflict(let field, let detail):
            self.init(status: .conflict, type: "conflict", title: "Conflict", detail: detail, field: field)
        case .linkExpired:
            self.init(
                status: .gone, type: "link-expired", title: "The link is invalid or has expired",
                detail: error.description, field: nil)
        }
    }

    public init(status: HTTPResponseStatus, type: String, title: String, detail: String, field: String?) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.field = field
    }
}

/// Turns every error into a problem document; unexpected errors are logged without their
/// details reaching the client. Future-based rather than async, so a request that needs no
/// suspension is not moved off its event loop for it.
public struct ProblemMiddleware: Middleware {
    public struct Body: Content {
        public var type: String
        public var title: String
        public var status: Int
        public var detail: String
        public var field: String?
    }

    public init() {}

    public func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in try Self.response(to: error, logger: request.logger) }
    }

    public static func response(to error: any Error, logger: Logger) throws -> Response {
        switch error {
        case let error as DomainError:
            return try response(APIProblem(error))
        case let decoding as DecodingError:
            return try response(
                APIProblem(
                    .malformed(
                        field(of: decoding),
                        "the body does not match the expected shape: \(summary(of: decoding))")))
        case let abort as any AbortError:
            return try response(
                APIProblem(
                    status: abort.status, type: "http-\(abort.status.code)",
                    title: abort.status.reasonPhrase, detail: abort.reason, field: nil))
        case let error where StorageFault.isDiskFull(error):
            StorageFault.logDiskFull(logger)
            return try response(
                APIProblem(
                    status: .insufficientStorage, type: "storage-full", title: "Storage is full",
                    detail: "the server's disk is full; nothing was written, try again later", field: nil))
        case let error where StorageFault.isClientAbort(error):
            logger.debug("client closed the connection before its request was read")
            return try response(
                APIProblem(
                    status: .badRequest, type: "bad-request", title: "The request is malformed",
                    detail: "the request could not be read", field: nil))
        default:
            logger.error("unexpected error", metadata: ["type": .string(String(describing: type(of: error)))])
            return try response(
                APIProblem(
                    status: .internalServerError, type: "internal", title: "Internal error",
                    detail: "the server could not complete the request", field: nil))
        }
    }

    public static func response(_ problem: APIProblem) throws -> Response {
        let body = Body(
            type: "https://sargs.dev/problems/\(problem.type)", title: problem.title, status: Int(problem.status.code),
            detail: problem.detail, field: problem.field)
        let response = Response(status: problem.status)
        try response.content.encode(body, as: .json)
        response.headers.contentType = HTTPMediaType(
            type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        return response
    }

    public static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        let text = StrictDecoding.path(path)
        return text.isEmpty ? nil : text
    }

    public static func summary(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(let type, _): return "expected \(type)"
        case .valueNotFound(let type, _): return "expected \(type), found null"
        case .dataCorrupted: return "invalid JSON or value"
        @unknown default: return "invalid body"
        }
    }
}
