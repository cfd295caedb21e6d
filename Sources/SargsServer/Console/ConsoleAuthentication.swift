import Fluent
import SargsCore
import Vapor

/// Signs the console's pages in: the session cookie is resolved to a staff member, stored on the
/// request; without one, the answer is a redirect (303) to the sign-in page and the stale cookie is cleared.
struct ConsoleAuthentication: AsyncMiddleware {
    static let cookieName = "sargs_staff"
    let sessions: StaffSessions
    let signInPath: String
    /// Whether cookies are marked Secure (the public URL is https).
    let secure: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let signedIn = try await sessions.resolve(request.cookies[Self.cookieName]?.string, on: request.db) else {
            let response = request.redirect(to: signInPath, redirectType: .normal)
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), path: "/console",
                isSecure: secure, isHTTPOnly: true, sameSite: .strict)
            return response
        }
        request.storage[SignedInKey.self] = signedIn
        request.auth.login(signedIn.principal)
        return try await next.respond(to: request)
    }

    struct SignedInKey: StorageKey {
        typealias Value = StaffSessions.SignedIn
    }
}

extension Request {
    /// The staff member signed in to the console (set by `ConsoleAuthentication`).
    var staff: StaffSessions.SignedIn {
        get throws {
            guard let signedIn = storage[ConsoleAuthentication.SignedInKey.self] else {
                throw DomainError.unauthenticated("sign in to the console")
            }
            return signedIn
        }
    }
}
