import Fluent
import Foundation
import SargsCore
import SargsKit

/// A consent waiting for the subject to enter the one-time code sent to them (Coral Travel BY:
/// written consent "by a code sent by SMS or e-mail"). Not in the ledger: decisions ignore it
/// until it is confirmed. The request as given is sealed; the code is kept only as its keyed hash.
final class PendingConsentModel: Model, @unchecked Sendable {
    static let schema = "pending_consents"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "purpose") var purpose: String
    /// How the code was sent (`email`).
    @Field(key: "verification_channel") var verificationChannel: String
    /// The consent request as given (`ConsentRequest`), sealed under the service key.
    @Field(key: "sealed") var sealed: Data
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "failed_attempts") var failedAttempts: Int
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    /// The ledger entry the confirmation created.
    @OptionalField(key: "consent_event_id") var consentEventID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// Seals the consent as its API body, so that a pending consent reads back in the same form.
    static func seal(_ command: RecordConsent, id: UUID, master: MasterKey) throws -> Data {
        try Vault.sealService(
            try JSONEncoder().encode(ConsentRequest(command)), context: "pending-consent|\(id.uuidString)",
            with: master)
    }

    func command(master: MasterKey) throws -> RecordConsent {
        try JSONDecoder().decode(
            ConsentRequest.self,
            from: try Vault.openService(
                sealed, context: "pending-consent|\(try requireID().uuidString)",
                with: master)
        ).command()
    }
}

extension PendingConsentModel: CodeChallengeRow {
    static let usedColumn = "confirmed_at"
    var usedAt: Date? { confirmedAt }
}
