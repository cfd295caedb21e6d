import Foundation

/// What `sargs policy publish` reports: the version recorded and when it takes effect.
public struct PolicyPublication: Sendable, Encodable {
    public var id: String
    public var version: String
    public var effectiveOn: String
    public var material: Bool
    /// One line per material change.
    public var changes: [String]
    /// Consent purposes whose earlier consents no longer count from the effective date.
    public var renewedConsent: [String]
    public var noticeURL: String

    enum CodingKeys: String, CodingKey {
        case id, version, effectiveOn = "effective_on", material, changes, renewedConsent = "renewed_consent",
            noticeURL = "notice_url"
    }

    init(_ view: PolicyVersionView) {
        id = view.id
        version = view.version
        effectiveOn = view.effectiveOn
        material = view.material
        changes = view.changes
        renewedConsent = view.renewedConsent
        noticeURL = view.noticeURL
    }
}
