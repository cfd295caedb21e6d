import Foundation
import SargsCore

/// The token of a one-click unsubscribe link (RFC 8058): the subject, purpose and channel sealed
/// with AES-GCM under a key derived from the master key, so the URL carries no readable
/// identifier and any change to it fails authentication. Base64url, no padding.
struct UnsubscribeToken: Codable, Equatable, Sendable {
    var subject: UUID
    var purpose: String
    var channel: ContactChannel

    static let context = "unsubscribe-link|v1"

    func seal(with master: MasterKey) throws -> String {
        let sealed = try Vault.sealService(try JSONEncoder().encode(self), context: Self.context, with: master)
        return sealed.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The token's content, or nil when it was altered, forged or sealed under another key.
    static func open(_ text: String, with master: MasterKey) -> UnsubscribeToken? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 1_000, let data = Data(base64Encoded: base64),
              let plain = try? Vault.openService(data, context: context, with: master) else { return nil }
        return try? JSONDecoder().decode(UnsubscribeToken.self, from: plain)
    }
}
