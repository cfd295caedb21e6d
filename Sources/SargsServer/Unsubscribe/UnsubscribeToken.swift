import Foundation
import SargsCore

/// The token of a one-click unsubscribe link (RFC 8058): the subject, purpose and channel sealed
/// (`SealedToken`), so the URL carries no readable identifier and any change to it fails.
struct UnsubscribeToken: Codable, Equatable, Sendable {
    var subject: UUID
    var purpose: String
    var channel: ContactChannel

    static let context = "unsubscribe-link|v1"

    func seal(with master: MasterKey) throws -> String {
        try SealedToken.seal(self, context: Self.context, with: master)
    }

    /// The token's content, or nil when it was altered, forged or sealed under another key.
    static func open(_ text: String, with master: MasterKey) -> UnsubscribeToken? {
        SealedToken.open(UnsubscribeToken.self, from: text, context: context, with: master)
    }
}
