import Foundation

/// Whether data may go to a recipient outside the free-flow area at the moment it is disclosed
/// (GDPR Chapter V, Art. 44-49): the policy's declared safeguard must hold for this subject, now.
public struct TransferCheck: Sendable {
    let profile: JurisdictionProfile

    public init(policy: Policy) {
        profile = JurisdictionProfile.resolve(policy.jurisdiction)
    }

    /// Why a disclosure is refused, with the article.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Whether disclosing to `recipient` is a transfer this check has anything to say about.
    public func isTransfer(_ recipient: Recipient) -> Bool {
        recipient.countries.contains { !profile.freeTransferCountries.contains($0) }
    }

    /// Checks a disclosure of the subject's data to `recipient` at `now`.
    /// - Throws: a `Refusal` naming the article when the transfer is not lawful now.
    public func check(_ recipient: Recipient, subject: SubjectState, at now: Date) throws(Refusal) {
        let outside = recipient.countries.filter { !profile.freeTransferCountries.contains($0) }
        guard !outside.isEmpty else { return }
        guard let transfer = recipient.transfer else {
            throw Refusal(description: "recipient '\(recipient.id)' is in \(outside.joined(separator: ", ")) with no transfer safeguard (GDPR Art. 44)")
        }
        let today = DecisionEngine.civilDate(now)
        switch transfer.safeguard {
        case .adequacyDecision:
            // Art. 45: only while a decision is in force for every country the recipient uses.
            let missing = outside.filter { AdequacyDecisions.decision(for: $0, on: today) == nil }
            if !missing.isEmpty {
                throw Refusal(description: "no adequacy decision is in force for \(missing.joined(separator: ", ")) (GDPR Art. 45)")
            }
        case .standardContractualClauses, .bindingCorporateRules, .codeOfConduct, .certification:
            // Art. 46-47: the safeguard binds the recipient, whatever the subject.
            return
        case .explicitConsent, .writtenConsent:
            // Art. 49(1)(a): the subject's consent to the transfer must be live in the ledger.
            let purpose = transfer.consentPurpose ?? ""
            guard ConsentLedger.latest(in: subject.consents, purpose: purpose, channel: nil, at: now)?.state == .given else {
                throw Refusal(description: "the transfer to \(outside.joined(separator: ", ")) rests on the subject's "
                              + "\(transfer.safeguard == .writtenConsent ? "written " : "")consent (purpose '\(purpose)'), "
                              + "which is not given (GDPR Art. 49(1)(a))")
            }
        case .contractPerformance:
            // Art. 49(1)(b): necessary for a contract with the subject, which must be in force.
            guard subject.relationships.contains(where: { $0.isActive(at: now) }) else {
                throw Refusal(description: "the transfer rests on a contract with the subject, and none is in force (GDPR Art. 49(1)(b))")
            }
        }
    }
}
