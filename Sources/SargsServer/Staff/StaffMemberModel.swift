import Fluent
import Foundation
import SargsCore
import SargsKit

/// A person who signs in to the console. The address is sealed, and found by a keyed index of its
/// own (not the subjects' blind index, so staff rows cannot be joined to subjects' rows).
final class StaffMemberModel: Model, @unchecked Sendable {
    static let schema = "staff_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "email_index") var emailIndex: String
    @Field(key: "email_sealed") var emailSealed: Data
    @OptionalField(key: "name_sealed") var nameSealed: Data?
    @Field(key: "role") var role: Role
    /// The TOTP secret, sealed; nil until the member enrols a second factor.
    @OptionalField(key: "totp_sealed") var totpSealed: Data?
    /// The last TOTP time step accepted, so a code is never accepted twice.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "removed_at") var removedAt: Date?

    init() {}
}

/// A sign-in attempt: the e-mailed one-time code, and the moment it was used. Recorded for unknown
/// addresses too (no code is sent and none can match), so the answer never tells who is staff.
final class StaffSignInModel: Model, @unchecked Sendable {
    static let schema = "staff_sign_ins"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "staff_id") var staffID: UUID?
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "failed_attempts") var failedAttempts: Int
    /// When the e-mailed code was accepted; the sign-in then waits for the second factor, if any.
    @OptionalField(key: "code_accepted_at") var codeAcceptedAt: Date?
    /// When the sign-in became a session.
    @OptionalField(key: "completed_at") var completedAt: Date?
    @Field(key: "address_key") var addressKey: String
    @Field(key: "ip_key") var ipKey: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension StaffSignInModel: CodeChallengeRow {
    static let usedColumn = "code_accepted_at"
    var usedAt: Date? { codeAcceptedAt }
}

/// A signed-in console session. Only the SHA-256 of the cookie's random value is stored.
final class StaffSessionModel: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "staff_id") var staffID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// The absolute end, whatever the activity.
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?

    init() {}
}
