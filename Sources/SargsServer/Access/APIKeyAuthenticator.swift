import Fluent
import Vapor

/// Reads `Authorization: Bearer sargs_…` and logs the caller in. A missing or bad key is not an
/// error here: handlers that need a caller answer 401 themselves, so the reason can be explained.
///
/// A key remembered in the `PrincipalCache` is accepted on the event loop, without starting a task;
/// only a key that must be read from the database suspends.
struct APIKeyAuthenticator: Middleware {
    let cache: PrincipalCache

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let bearer = request.headers.bearerAuthorization else { return next.respond(to: request) }
        let tokenHash = APIKeys.hash(bearer.token)
        if let principal = cache.principal(forTokenHash: tokenHash) {
            request.auth.login(principal)
            return next.respond(to: request)
        }
        let cache = cache
        return request.eventLoop.makeFutureWithTask {
            if let principal = try await APIKeys.authenticate(token: bearer.token, on: request.db) {
                cache.remember(principal, forTokenHash: tokenHash)
                request.auth.login(principal)
            } else {
                cache.forget(tokenHash: tokenHash)
            }
        }.flatMap { next.respond(to: request) }
    }
}
