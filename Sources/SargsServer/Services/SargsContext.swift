import Crypto
import Foundation
import SargsCore

/// What every controller needs, built once at start and passed in explicitly.
public struct SargsContext: Sendable {
    public let policy: Policy
    public let engine: DecisionEngine
    public let masterKey: MasterKey
    public let audit: AuditLog
    /// SHA-256 of the notice (authoritative language, HTML) in force: recorded with every consent.
    public let noticeHash: String
    /// The age below which consent purposes are refused and subjects may not be registered.
    public let minimumAge: Int?

    public init(policy: Policy, masterKey: MasterKey, audit: AuditLog = AuditLog()) throws {
        self.policy = policy
        self.engine = DecisionEngine(policy: policy)
        self.masterKey = masterKey
        self.audit = audit
        let notice = HTMLNoticeWriter.write(try NoticeBuilder(policy: policy, language: policy.authoritativeLanguage).build())
        self.noticeHash = SHA256.hash(data: Data(notice.utf8)).map { String(format: "%02x", $0) }.joined()
        self.minimumAge = policy.rules.minimumAge
    }
}
