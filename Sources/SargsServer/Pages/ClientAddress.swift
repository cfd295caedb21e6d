import Vapor

/// The visitor's IP address for rate limits and consent evidence: the connection's address, or,
/// when the connection comes from a trusted reverse proxy (`SARGS_TRUSTED_PROXIES`), the address
/// the proxy puts first in `X-Forwarded-For`.
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    func of(_ request: Request) -> String {
        let peer = request.remoteAddress?.ipAddress ?? "unknown"
        guard trustedProxies.contains(peer),
              let forwarded = request.headers.first(name: .xForwardedFor)?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces),
              !forwarded.isEmpty else { return peer }
        return forwarded
    }
}
