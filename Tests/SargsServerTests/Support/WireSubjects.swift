import Foundation

extension Wire {
    /// `Created`: the id of what a POST made.
    struct Created: Decodable, Sendable {
        let id: UUID
    }

    /// `SubjectRead`: a purpose-bound read; `data` maps category keys to values.
    struct SubjectRead: Decodable, Sendable {
        let id: UUID
        let purpose: String
        let allowed: Bool
        let reason: String
        let legalBasis: String
        let data: [String: String]

        enum CodingKeys: String, CodingKey {
            case id, purpose, allowed, reason, legalBasis = "legal_basis", data
        }
    }

    /// `ConsentEvent`: one ledger entry (evidence is never returned).
    struct ConsentEvent: Decodable, Sendable {
        let id: UUID
        let purpose: String
        let channel: String?
        let state: String
        let method: String
        let verifiedBy: String?
        let policyVersion: String
        let noticeHash: String
        let recordedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, purpose, channel, state, method, verifiedBy = "verified_by", policyVersion = "policy_version",
                noticeHash = "notice_hash", recordedAt = "recorded_at"
        }
    }

    /// `ConsentOverview`: the current state per purpose and channel, and the history.
    struct ConsentOverview: Decodable, Sendable {
        struct Current: Decodable, Sendable {
            let purpose: String
            let channel: String?
            let state: String
            let since: Date
            /// When a given consent expires under its rule's maximum period.
            let expiresAt: Date?

            enum CodingKeys: String, CodingKey { case purpose, channel, state, since, expiresAt = "expires_at" }
        }

        let current: [Current]
        let history: [ConsentEvent]
    }

    /// `ConsentReceipt`: Kantara v1.1 field names (camelCase on the wire) with ISO/IEC TS 27560 record fields.
    struct ConsentReceipt: Decodable, Sendable {
        let version: String
        let jurisdiction: String
        let consentTimestamp: Int
        let collectionMethod: String
        let consentReceiptID: String
        let language: String?
        let piiPrincipalId: String
        let policyUrl: String
        let sensitive: Bool
        let spiCat: [String]
        let eventState: String
        let channel: String?
        let policyVersion: String
        let noticeHash: String
        let retentionPeriod: String
        let withdrawalMethod: String
    }

    /// `Lift`: a recorded lift of a restriction.
    struct Lift: Decodable, Sendable {
        let id: UUID
        let effectiveAt: Date
        let noticeSent: Bool

        enum CodingKeys: String, CodingKey {
            case id, effectiveAt = "effective_at", noticeSent = "notice_sent"
        }
    }

    /// `Endpoint`: where a recipient receives Art. 19 notices, with its signing secret (base64), shown once.
    struct Endpoint: Decodable, Sendable {
        let recipient: String
        let url: String
        let secret: String
    }
}

extension Wire {
    /// A consent waiting for its one-time code.
    struct PendingConsent: Decodable, Sendable {
        let id: String
        let purpose: String
        let state: String
        let verificationChannel: String
        let expiresAt: Date

        enum CodingKeys: String, CodingKey {
            case id, purpose, state, verificationChannel = "verification_channel", expiresAt = "expires_at"
        }
    }
}
