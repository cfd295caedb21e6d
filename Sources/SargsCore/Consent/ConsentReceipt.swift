import Foundation

/// A recorded consent event as the ledger keeps it.
public struct ConsentRecord: Sendable, Hashable, Codable {
    public var id: UUID
    public var subjectID: UUID
    public var purpose: String
    public var channel: ContactChannel?
    public var state: ConsentEvent.State
    /// How consent was collected, e.g. `web_form_checkbox`, `signed_paper`, `gpc_signal`.
    public var method: String
    public var at: Date
    /// The policy version in force and the SHA-256 of the notice text shown.
    public var policyVersion: String
    public var noticeHash: String
    /// How the subject confirmed it, e.g. `code:email` (a one-time code sent by e-mail); nil when unverified.
    public var verifiedBy: String?

    public init(
        id: UUID, subjectID: UUID, purpose: String, channel: ContactChannel?, state: ConsentEvent.State,
        method: String, at: Date, policyVersion: String, noticeHash: String, verifiedBy: String? = nil
    ) {
        self.verifiedBy = verifiedBy
        self.id = id
        self.subjectID = subjectID
        self.purpose = purpose
        self.channel = channel
        self.state = state
        self.method = method
        self.at = at
        self.policyVersion = policyVersion
        self.noticeHash = noticeHash
    }
}

/// A consent receipt using the Kantara Consent Receipt v1.1 field names, with the ISO/IEC TS
/// 27560 record fields the Kantara draft lacks (event state, notice, policy version, retention,
/// withdrawal method) alongside (privacy-reference.md §4.1-4.2).
public struct ConsentReceipt: Sendable, Hashable, Codable {
    public var version = "KI-CR-v1.1.0"
    public var jurisdiction: String
    public var consentTimestamp: Int
    public var collectionMethod: String
    public var consentReceiptID: String
    public var language: String
    public var piiPrincipalId: String
    public var piiControllers: [Controller]
    public var policyUrl: String
    public var services: [Service]
    public var sensitive: Bool
    public var spiCat: [String]
    // ISO/IEC TS 27560 record fields.
    public var eventState: String
    public var channel: String?
    public var policyVersion: String
    public var noticeHash: String
    public var retentionPeriod: String
    public var withdrawalMethod: String
    /// How the subject confirmed the consent (`code:email`: a one-time code sent by e-mail and entered back).
    public var verification: String?

    public struct Controller: Sendable, Hashable, Codable {
        public var piiController: String
        public var contact: String
        public var address: Address
        public var email: String
        public var phone: String
        public var piiControllerUrl: String?
    }

    public struct Address: Sendable, Hashable, Codable {
        public var streetAddress: String
        public var addressCountry: String
    }

    public struct Service: Sendable, Hashable, Codable {
        public var service: String
        public var purposes: [ReceiptPurpose]
    }

    public struct ReceiptPurpose: Sendable, Hashable, Codable {
        public var purpose: String
        public var purposeCategory: [String]
        public var consentType: String
        public var piiCategory: [String]
        public var primaryPurpose: Bool
        public var termination: String
        public var thirdPartyDisclosure: Bool
        public var thirdPartyName: String?
    }

    public enum BuildError: Error, Sendable, Equatable {
        case unknownPurpose(String)
    }

    /// The receipt of one consent event, worded in `language`.
    public init(record: ConsentRecord, policy: Policy, language: String) throws {
        let notice = try NoticeBuilder(policy: policy, language: language)
        guard let purpose = notice.index.purposes[record.purpose] else {
            throw BuildError.unknownPurpose(record.purpose)
        }
        let profile = notice.profile
        jurisdiction = profile.memberState ?? policy.controllers.first?.country ?? ""
        consentTimestamp = Int(record.at.timeIntervalSince1970)
        collectionMethod = record.method
        verification = record.verifiedBy
        consentReceiptID = record.id.uuidString.lowercased()
        self.language = language
        piiPrincipalId = record.subjectID.uuidString.lowercased()
        piiControllers = policy.controllers.map { controller in
            Controller(
                piiController: controller.legalName, contact: policy.dpo?.email ?? controller.email,
                address: Address(streetAddress: controller.address, addressCountry: controller.country),
                email: controller.email, phone: controller.phone ?? "", piiControllerUrl: controller.website)
        }
        policyUrl = policy.policy.url ?? policy.controllers.first?.website ?? ""
        let recipients = notice.index.recipients(for: purpose.id)
        let special = purpose.categories.filter(notice.isSpecial)
        services = [
            Service(
                service: policy.controllers.first?.website ?? policy.controllers.first?.legalName ?? "",
                purposes: [
                    ReceiptPurpose(
                        purpose: notice.localized(purpose.label),
                        purposeCategory: [purpose.use],
                        consentType: special.isEmpty ? "EXPRESSED" : "EXPLICIT",
                        piiCategory: purpose.categories.map(notice.categoryLabel),
                        primaryPurpose: true,
                        termination: notice.index.retentionRules[purpose.retention].map(notice.retention) ?? "",
                        thirdPartyDisclosure: !recipients.isEmpty,
                        thirdPartyName: recipients.isEmpty
                            ? nil : recipients.map { notice.localized($0.name) }.joined(separator: "; "))
                ])
        ]
        sensitive = !special.isEmpty
        spiCat = special.map(notice.categoryLabel)
        eventState = record.state == .given ? "ConsentGiven" : "ConsentWithdrawn"
        channel = record.channel?.rawValue
        policyVersion = record.policyVersion
        noticeHash = record.noticeHash
        retentionPeriod = services[0].purposes[0].termination
        withdrawalMethod = notice.strings.text("purpose.withdraw")
    }
}
