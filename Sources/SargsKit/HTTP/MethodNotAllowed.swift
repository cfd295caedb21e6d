import Vapor

/// Answers a known path asked with a method it does not take with 405 and an `Allow` header
/// (RFC 9110 §15.5.6), where the router alone answers 404 for any method it has no route for.
/// A path that names a fixed route (`/v1/subjects/lookup`, POST) but is asked with a method that
/// only reaches a parameter route beside it (`GET /v1/subjects/:id`) gets the same 405, not that
/// route's complaint about its id.
public struct MethodNotAllowedMiddleware: Middleware {
    public let routes: Routes

    public init(routes: Routes) {
        self.routes = routes
    }

    public func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in
            let fixed = Self.methods(for: request.url.path, in: routes.all.filter(Self.isFixed))
            let allowed: [String]
            if error is RouteNotFound {
                allowed = fixed.isEmpty ? Self.methods(for: request.url.path, in: routes.all) : fixed
            } else {
                allowed = fixed.contains(request.method.rawValue) ? [] : fixed
            }
            guard !allowed.isEmpty else { throw error }
            let problem = try ProblemMiddleware.response(
                APIProblem(
                    status: .methodNotAllowed, type: "method-not-allowed", title: "Method not allowed",
                    detail: "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", "))",
                    field: nil))
            problem.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
            return problem
        }
    }

    /// The methods the routes take at `path` (GET brings HEAD, as Vapor answers HEAD with GET).
    public static func methods(for path: String, in routes: [Route]) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set<String>()
        for route in routes where matches(route.path, segments) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert("HEAD") }
        }
        return methods.sorted()
    }

    /// Whether a route's path has no parameters.
    public static func isFixed(_ route: Route) -> Bool {
        route.path.allSatisfy { if case .constant = $0 { true } else { false } }
    }

    public static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return segments.count > index
            case .constant(let text): guard index < segments.count, segments[index] == text else { return false }
            case .parameter, .anything: guard index < segments.count else { return false }
            }
        }
        return pattern.count == segments.count
    }
}
