import Vapor

/// The visitor's IP address for rate limits and consent evidence: the connection's address, or,
/// when the connection comes from a trusted reverse proxy (`SARGS_TRUSTED_PROXIES`), the address
/// the proxy puts first in `X-Forwarded-For`.
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    /// A client can write anything into `X-Forwarded-For`; each proxy appends the address it saw.
    /// So the list is read from the right, past the trusted proxies, to the first address that a
    /// trusted proxy saw connect.
    func of(_ request: Request) -> String {
        let peer = request.remoteAddress?.ipAddress ?? "unknown"
        guard trustedProxies.contains(peer) else { return peer }
        let hops = request.headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }
        return hops.reversed().first { !trustedProxies.contains($0) } ?? hops.first ?? peer
    }
}
