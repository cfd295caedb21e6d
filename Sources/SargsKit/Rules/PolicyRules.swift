import Crypto
import Foundation
import SargsCore

/// One policy version and everything the server derives from it: the decision engine, the
/// request clock, the erasure and retention planners and the notice hash recorded with consents.
/// Built once per version; services read the one in force through `SargsContext`.
public struct PolicyRules: Sendable {
    /// The `policy_versions` row; nil before the version was recorded (tests, a first start).
    public let versionID: UUID?
    /// When this version took or takes effect.
    public let effectiveAt: Date
    public let policy: Policy
    public let engine: DecisionEngine
    public let requestClock: RequestClock
    public let erasurePlanner: ErasurePlanner
    public let retentionPlanner: RetentionPlanner
    /// SHA-256 of the notice (authoritative language, HTML): recorded with every consent.
    public let noticeHash: String

    /// - Parameter outdatedConsent: per purpose, the versions whose consents no longer cover it.
    public init(
        policy: Policy, versionID: UUID? = nil, effectiveAt: Date = .distantPast,
        outdatedConsent: [String: Set<String>] = [:]
    ) throws {
        self.versionID = versionID
        self.effectiveAt = effectiveAt
        self.policy = policy
        self.engine = DecisionEngine(policy: policy, outdatedConsent: outdatedConsent)
        self.requestClock = RequestClock(policy: policy)
        self.erasurePlanner = ErasurePlanner(policy: policy)
        self.retentionPlanner = RetentionPlanner(policy: policy)
        let notice = HTMLNoticeWriter.write(
            try NoticeBuilder(policy: policy, language: policy.authoritativeLanguage).build())
        self.noticeHash = SHA256.hash(data: Data(notice.utf8)).hex
    }
}

extension PolicyRules {
    /// The controller's calendar day at `instant` (`jurisdiction.time_zone`, default the country's):
    /// request and breach days are counted in it.
    public func localDay(_ instant: Date) -> CivilDate { requestClock.profile.localTime.civilDate(instant) }
}
