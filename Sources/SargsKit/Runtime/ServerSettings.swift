import Foundation

/// What the operator configured that services read: links, link lifetimes, accepted URLs.
public struct ServerSettings: Sendable {
    /// The public base URL of this server, for links in messages (no trailing slash).
    public let publicURL: String
    /// How long an export download link stays valid.
    public let exportLinkLifetime: TimeInterval
    /// Whether http:// (not only https://) endpoints are accepted for webhooks and transfers.
    public let allowInsecureURLs: Bool

    public init(
        publicURL: String = "http://127.0.0.1:8080", exportLinkLifetime: TimeInterval = 7 * 86_400,
        allowInsecureURLs: Bool = false
    ) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.exportLinkLifetime = exportLinkLifetime
        self.allowInsecureURLs = allowInsecureURLs
    }

    /// Whether `text` is a URL personal data may be sent to.
    public func isAcceptableEndpoint(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme, url.host != nil else { return false }
        return scheme == "https" || (allowInsecureURLs && scheme == "http")
    }
}
