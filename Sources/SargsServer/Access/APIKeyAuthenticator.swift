import Fluent
import Vapor

/// Reads `Authorization: Bearer sargs_…` and logs the caller in. A missing or bad key is not an
/// error here: handlers that need a caller answer 401 themselves, so the reason can be explained.
struct APIKeyAuthenticator: AsyncBearerAuthenticator {
    let cache: PrincipalCache

    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let tokenHash = APIKeys.hash(bearer.token)
        if case .fresh(let principal) = cache.lookup(tokenHash: tokenHash) {
            request.auth.login(principal)
        } else if let principal = try await APIKeys.authenticate(token: bearer.token, on: request.db) {
            cache.remember(principal, forTokenHash: tokenHash)
            request.auth.login(principal)
        } else {
            cache.forget(tokenHash: tokenHash)
        }
    }
}
