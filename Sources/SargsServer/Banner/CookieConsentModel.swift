import Fluent
import Foundation

/// One visitor's cookie choice as the banner recorded it (Art. 7(1): the company can show the
/// consent): a random visitor id from a first-party cookie, the choice per category, the policy
/// version and cookie-section hash shown, the language, and the GPC signal. No IP address.
final class CookieConsentModel: Model, @unchecked Sendable {
    static let schema = "cookie_consents"

    @ID(key: .id) var id: UUID?
    @Field(key: "visitor_id") var visitorID: String
    /// JSON: category kind → granted.
    @Field(key: "choices") var choices: String
    @Field(key: "policy_version") var policyVersion: String
    @Field(key: "cookie_hash") var cookieHash: String
    @Field(key: "language") var language: String
    /// `navigator.globalPrivacyControl` as the script saw it, or the `Sec-GPC: 1` header.
    @Field(key: "gpc") var gpc: Bool
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}
}
