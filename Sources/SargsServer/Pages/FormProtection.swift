import Foundation
import SargsCore
import Vapor

/// Cross-site request forgery protection for the public forms: a random value in a first-party
/// cookie (HttpOnly, SameSite=Strict, Secure behind https) and, in each form, its keyed MAC under
/// the master key. A post is accepted only when both are present and agree.
struct FormProtection: Sendable {
    static let cookieName = "sargs_form"
    let master: MasterKey
    /// Whether the public URL is https, so the cookie is marked Secure.
    let secure: Bool
    /// The path the cookie is sent to (the privacy center's prefix).
    let path: String

    /// The form token for this visitor, setting the cookie on `response` when the visitor has none.
    func token(for request: Request, setting response: inout HTTPCookies) -> String {
        if let value = request.cookies[Self.cookieName]?.string, value.count == 32 { return mac(value) }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let value = bytes.map { String(format: "%02x", $0) }.joined()
        response[Self.cookieName] = HTTPCookies.Value(string: value, path: path, isSecure: secure, isHTTPOnly: true, sameSite: .strict)
        return mac(value)
    }

    /// Whether a posted form's token matches the visitor's cookie.
    func accepts(_ posted: String?, from request: Request) -> Bool {
        guard let posted, let value = request.cookies[Self.cookieName]?.string, value.count == 32 else { return false }
        return master.isAuthentic("form|\(value)", mac: posted, for: .signedLink)
    }

    func mac(_ value: String) -> String { master.authenticate("form|\(value)", for: .signedLink) }
}
