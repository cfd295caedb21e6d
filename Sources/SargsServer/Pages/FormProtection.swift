import Foundation
import SargsCore
import Vapor

/// Cross-site request forgery protection for the public forms: a random value in a first-party
/// cookie (HttpOnly, SameSite=Strict, Secure behind https) and, in each form, its keyed MAC under
/// the master key. A post is accepted only when both are present and agree.
///
/// The token is bound to the visitor, not only to the cookie: to a console session when there is
/// one, and always to the visitor's network (the /24 of an IPv4 address, the /64 of an IPv6
/// one). A cookie planted from a sibling site, with a token its planter fetched for it from
/// another network, is then refused.
struct FormProtection: Sendable {
    static let cookieName = "sargs_form"
    let master: MasterKey
    /// Whether the public URL is https, so the cookie is marked Secure.
    let secure: Bool
    /// The path the cookie is sent to (the privacy center's prefix).
    let path: String
    /// How the visitor's address is read (behind trusted proxies too).
    let clients: ClientAddress

    /// The form token for this visitor, setting the cookie on `response` when the visitor has none.
    /// `binding` ties the token to something the visitor holds besides the cookie (a console
    /// session's id), so a form cookie planted from a sibling site yields no usable token.
    func token(for request: Request, setting response: inout HTTPCookies, binding: String? = nil) -> String {
        let binding = bound(binding, request)
        if let value = request.cookies[Self.cookieName]?.string, value.count == 32 {
            return mac(value, binding: binding)
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let value = bytes.map { String(format: "%02x", $0) }.joined()
        response[Self.cookieName] = HTTPCookies.Value(
            string: value, path: path, isSecure: secure, isHTTPOnly: true, sameSite: .strict)
        return mac(value, binding: binding)
    }

    /// Whether a posted form's token matches the visitor's cookie (and `binding`, when the token was bound).
    func accepts(_ posted: String?, from request: Request, binding: String? = nil) -> Bool {
        guard let posted, let value = request.cookies[Self.cookieName]?.string, value.count == 32 else { return false }
        return master.isAuthentic(message(value, binding: bound(binding, request)), mac: posted, for: .signedLink)
    }

    /// The binding with the visitor's network added.
    private func bound(_ binding: String?, _ request: Request) -> String {
        let network = Self.network(of: clients.of(request))
        return binding.map { "\($0)|\(network)" } ?? network
    }

    /// The network an address belongs to: its first three IPv4 octets or its first four IPv6 groups.
    static func network(of address: String) -> String {
        if address.contains(":") {
            let halves = address.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
            let head = halves[0].split(separator: ":").map(String.init)
            let tail = halves.count > 1 ? halves[1].split(separator: ":").map(String.init) : []
            let groups = head + Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail
            return "net6:" + groups.prefix(4).joined(separator: ":")
        }
        let octets = address.split(separator: ".")
        return octets.count == 4 ? "net4:" + octets.prefix(3).joined(separator: ".") : "net:" + address
    }

    func mac(_ value: String, binding: String? = nil) -> String {
        master.authenticate(message(value, binding: binding), for: .signedLink)
    }

    private func message(_ value: String, binding: String?) -> String {
        binding.map { "form|\($0)|\(value)" } ?? "form|\(value)"
    }
}
