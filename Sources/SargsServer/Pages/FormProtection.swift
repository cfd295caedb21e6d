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
    /// `binding` ties the token to something the visitor holds besides the cookie (a console
    /// session's id), so a form cookie planted from a sibling site yields no usable token.
    func token(for request: Request, setting response: inout HTTPCookies, binding: String? = nil) -> String {
        if let value = request.cookies[Self.cookieName]?.string, value.count == 32 { return mac(value, binding: binding) }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let value = bytes.map { String(format: "%02x", $0) }.joined()
        response[Self.cookieName] = HTTPCookies.Value(string: value, path: path, isSecure: secure, isHTTPOnly: true, sameSite: .strict)
        return mac(value, binding: binding)
    }

    /// Whether a posted form's token matches the visitor's cookie (and `binding`, when the token was bound).
    func accepts(_ posted: String?, from request: Request, binding: String? = nil) -> Bool {
        guard let posted, let value = request.cookies[Self.cookieName]?.string, value.count == 32 else { return false }
        return master.isAuthentic(message(value, binding: binding), mac: posted, for: .signedLink)
    }

    func mac(_ value: String, binding: String? = nil) -> String { master.authenticate(message(value, binding: binding), for: .signedLink) }

    private func message(_ value: String, binding: String?) -> String { binding.map { "form|\($0)|\(value)" } ?? "form|\(value)" }
}
