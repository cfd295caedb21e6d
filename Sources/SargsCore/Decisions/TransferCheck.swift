import Foundation

/// Whether data may go to a recipient outside the free-flow area at the moment it is disclosed,
/// judged by the policy's own law (`TransferLaw`): GDPR Chapter V (Art. 44-49), Law of Ukraine
/// No. 2297-VI Art. 29, Law of Belarus No. 99-Z Art. 9. The policy's declared safeguard must hold
/// for this subject, now.
public struct TransferCheck: Sendable {
    let profile: JurisdictionProfile
    let law: TransferLaw
    let overrides: TransferOverrides?

    public init(policy: Policy) {
        profile = JurisdictionProfile.resolve(policy.jurisdiction)
        law = TransferLaw.governing(policy.jurisdiction.profile)
        overrides = policy.rules.transfers
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
        let countries = outside.joined(separator: ", ")
        guard let transfer = recipient.transfer else {
            throw Refusal(
                description:
                    """
                    recipient '\(recipient.id)' is in \(countries) with no transfer safeguard (\(law.transferCitation))
                    """
            )
        }
        let today = DecisionEngine.civilDate(now)
        switch transfer.safeguard {
        case .adequacyDecision:
            // GDPR Art. 45, UA Art. 29(3), BY Art. 9: every country must be adequate under the law today.
            var missing: [String] = []
            var uncertified: [AdequacyFinding] = []
            for country in outside {
                guard let finding = law.adequacy(for: country, on: today, overrides: overrides) else {
                    missing.append(country)
                    continue
                }
                if finding.requiresDPFCertification && transfer.dpfCertified != true { uncertified.append(finding) }
            }
            if !missing.isEmpty {
                throw Refusal(
                    description: law.notAdequate(missing, overrides: overrides)
                        + "; otherwise the transfer needs another ground: \(law.otherGrounds)")
            }
            if let finding = uncertified.first {
                throw Refusal(description: law.uncertified(finding, recipient: recipient.id))
            }
        case .standardContractualClauses, .bindingCorporateRules, .codeOfConduct, .certification:
            // GDPR Art. 46-47, UA Art. 29 (the controller's guarantees): the instrument binds the recipient,
            // whatever the subject. A law that knows no such instrument (BY Art. 9) lets only adequate states pass.
            guard !law.recognises(transfer.safeguard) else { return }
            let missing = outside.filter { law.adequacy(for: $0, on: today, overrides: overrides) == nil }
            if !missing.isEmpty {
                throw Refusal(
                    description:
                        "\(law.name) does not know \(transfer.safeguard.rawValue) as a ground for a transfer, and "
                        + law.notAdequate(missing, overrides: overrides)
                        + "; the transfer needs another ground: \(law.otherGrounds)")
            }
        case .explicitConsent, .writtenConsent:
            // GDPR Art. 49(1)(a), UA Art. 29 (unambiguous consent), BY Art. 9 (consent after being informed of
            // the risks): the subject's consent to the transfer must be live in the ledger.
            let purpose = transfer.consentPurpose ?? ""
            guard ConsentLedger.latest(in: subject.consents, purpose: purpose, channel: nil, at: now)?.state == .given
            else {
                throw Refusal(
                    description: "the transfer to \(countries) rests on the subject's "
                        + "\(transfer.safeguard == .writtenConsent ? "written " : "")consent (purpose '\(purpose)'), "
                        + "which is not given (\(law.citation(for: transfer.safeguard)))")
            }
        case .contractPerformance:
            // GDPR Art. 49(1)(b), UA Art. 29, BY Art. 9: necessary for a contract with the subject, which must be in
            // force.
            guard subject.relationships.contains(where: { $0.isActive(at: now) }) else {
                throw Refusal(
                    description:
                        "the transfer to \(countries) rests on a contract with the subject, and none is in force "
                        + "(\(law.citation(for: .contractPerformance)))")
            }
        }
    }
}
