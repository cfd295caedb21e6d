import Foundation
import NIOCore
import SargsCore
import SargsKit
import Synchronization
import Vapor

/// Limits that keep slow or greedy clients from holding the server: an idle timeout on every
/// connection, a deadline for reading a request's body, and a cap on the requests one client may
/// have in flight at once.
public struct ConnectionLimits: Sendable, Equatable {
    /// `SARGS_IDLE_TIMEOUT`: seconds a connection may send and receive nothing before it is closed
    /// (a request head that stops arriving, a kept-alive connection left open). Default 15.
    public var idleTimeout: Int = 15
    /// `SARGS_BODY_TIMEOUT`: seconds from a request's head to the end of its body; a body still
    /// arriving then is answered 408 and the connection closed. Default 20.
    public var bodyTimeout: Int = 20
    /// `SARGS_MAX_REQUESTS_PER_CLIENT`: requests one client address may have in flight at once;
    /// more are answered 429 and their connections closed. Default 64. `/healthz` is not counted.
    public var requestsPerClient: Int = 64

    public init() {}

    /// Reads the three settings, refusing values outside their ranges.
    static func resolve(_ environment: [String: String]) throws(ConfigurationError) -> ConnectionLimits {
        var limits = ConnectionLimits()
        limits.idleTimeout = try setting(
            environment, "SARGS_IDLE_TIMEOUT", 1...3600, default: limits.idleTimeout, unit: "seconds")
        limits.bodyTimeout = try setting(
            environment, "SARGS_BODY_TIMEOUT", 1...3600, default: limits.bodyTimeout, unit: "seconds")
        limits.requestsPerClient = try setting(
            environment, "SARGS_MAX_REQUESTS_PER_CLIENT", 1...100_000,
            default: limits.requestsPerClient, unit: "requests")
        return limits
    }

    private static func setting(
        _ environment: [String: String], _ name: String, _ range: ClosedRange<Int>, default value: Int,
        unit: String
    ) throws(ConfigurationError) -> Int {
        guard let text = environment[name], !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .invalid(name, "must be \(range.lowerBound)-\(range.upperBound) \(unit)")
        }
        return number
    }
}

/// Enforces the body deadline and the per-client cap of ``ConnectionLimits``. Future-based, so a
/// request that needs neither costs two lock operations and no task.
struct ClientLimitMiddleware: Middleware {
    let limits: ConnectionLimits
    let clients: ClientAddress
    let inFlight = InFlightRequests()

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if request.url.path == "/healthz" { return next.respond(to: request) }
        let client = clients.of(request)
        guard inFlight.enter(client, limit: limits.requestsPerClient) else {
            return request.eventLoop.makeCompletedFuture {
                try Self.closing(
                    .tooManyRequests, "too-many-requests", "Too many requests",
                    "this client has too many requests in flight; wait for them to finish")
            }
        }
        let answered = request.eventLoop.makePromise(of: Response.self)
        let done = Once()
        let deadline: Scheduled<Void>? =
            if Self.bodyIsArriving(request) {
                request.eventLoop.scheduleTask(in: .seconds(Int64(limits.bodyTimeout))) {
                    guard request.body.data == nil, done.claim() else { return }
                    answered.completeWith(
                        Result {
                            try Self.closing(
                                .requestTimeout, "request-timeout", "Request timeout",
                                "the request's body did not arrive in time")
                        })
                }
            } else {
                nil
            }
        next.respond(to: request).hop(to: request.eventLoop).whenComplete { result in
            inFlight.leave(client)
            deadline?.cancel()
            guard done.claim() else { return }
            answered.completeWith(result)
        }
        return answered.futureResult
    }

    /// Whether the request has a body that is still being read.
    static func bodyIsArriving(_ request: Request) -> Bool {
        guard request.body.data == nil else { return false }
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init) { return length > 0 }
        return request.headers.contains(name: .transferEncoding)
    }

    /// A problem answer after which the connection is closed.
    static func closing(
        _ status: HTTPResponseStatus, _ type: String, _ title: String, _ detail: String
    ) throws -> Response {
        let response = try ProblemMiddleware.response(
            APIProblem(status: status, type: type, title: title, detail: detail, field: nil))
        response.headers.replaceOrAdd(name: .connection, value: "close")
        return response
    }
}

/// A flag claimed once: the first of the deadline and the response answers the request.
final class Once: Sendable {
    private let claimed = Mutex(false)

    /// True for the first caller only.
    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}

/// Counts each client's requests in flight.
final class InFlightRequests: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Counts a request in, unless the client already has `limit` in flight.
    func enter(_ client: String, limit: Int) -> Bool {
        counts.withLock { counts in
            let current = counts[client, default: 0]
            guard current < limit else { return false }
            counts[client] = current + 1
            return true
        }
    }

    func leave(_ client: String) {
        counts.withLock { counts in
            let left = counts[client, default: 1] - 1
            counts[client] = left > 0 ? left : nil
        }
    }
}
