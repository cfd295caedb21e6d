import Fluent
import Foundation
import SargsCore
import SargsKit

/// A sign-in to the privacy center's consent pages: a one-time code for an e-mail address. A
/// session is recorded whether or not the address belongs to a subject (then no code is sent and
/// none can match), so the answer never tells whether an address is known.
final class ConsentSessionModel: Model, @unchecked Sendable {
    static let schema = "consent_sessions"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "subject_id") var subjectID: UUID?
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "failed_attempts") var failedAttempts: Int
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    /// Keyed HMACs of the address and of the client IP, for the rate limits.
    @Field(key: "address_key") var addressKey: String
    @Field(key: "ip_key") var ipKey: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

}

extension ConsentSessionModel: CodeChallengeRow {
    static let usedColumn = "verified_at"
    var usedAt: Date? { verifiedAt }
}
