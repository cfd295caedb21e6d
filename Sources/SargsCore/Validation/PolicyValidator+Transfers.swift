extension PolicyValidator {
    /// Transfers out of the free-flow area, judged by the policy's own law (`TransferLaw`): GDPR
    /// Chapter V, Law of Ukraine No. 2297-VI Art. 29, Law of Belarus No. 99-Z Art. 9.
    mutating func checkTransfers() {
        let free = profile.freeTransferCountries
        let law = TransferLaw.governing(policy.jurisdiction.profile)
        for (position, recipient) in policy.recipients.enumerated() {
            let path = "recipients[\(position)]"
            let outside = recipient.countries.filter { !free.contains($0) }
            if !outside.isEmpty && recipient.transfer == nil {
                error(
                    .transferWithoutSafeguard, "\(path).countries",
                    """
                    recipient '\(recipient.id)' receives data in \(outside.joined(separator: ", ")), outside \
                    the area where data flows freely, with no transfer safeguard (\(law.transferCitation))
                    """,
                    hint: law.safeguardHint)
            }
            if let transfer = recipient.transfer, !outside.isEmpty {
                checkSafeguard(transfer, outside: outside, recipient: recipient, law: law, path: "\(path).transfer")
            }
            if outside.isEmpty && recipient.transfer != nil {
                warning(
                    .doubtfulPractice, "\(path).transfer",
                    "recipient '\(recipient.id)' has a transfer safeguard but no country outside the free-flow area")
            }
            if let transfer = recipient.transfer, transfer.dpfCertified != nil {
                checkDPFDeclaration(recipient, law: law, path: "\(path).transfer.dpf_certified")
            }
        }
        checkTransferOverrides(law)
    }

    /// The declared ground must be one the law knows and able to hold: an adequate destination (a
    /// Commission decision, and for the US DPF certification), a named consent purpose.
    mutating func checkSafeguard(
        _ transfer: Transfer, outside: [String], recipient: Recipient, law: TransferLaw, path: String
    ) {
        let overrides = policy.rules.transfers
        switch transfer.safeguard {
        case .adequacyDecision:
            // Whether a decision is in force on a given day is checked at disclosure; here, whether one exists.
            let findings = outside.map { ($0, law.adequacy(for: $0, on: nil, overrides: overrides)) }
            let missing = findings.filter { $0.1 == nil }.map { $0.0 }
            if !missing.isEmpty {
                warning(
                    .doubtfulPractice, "\(path).safeguard",
                    """
                    recipient '\(recipient.id)': \(law.notAdequate(missing, inForce: false, overrides: overrides)); \
                    disclosures there will be refused
                    """
                )
            }
            for case (_, let finding?) in findings
            where finding.requiresDPFCertification && transfer.dpfCertified != true {
                error(
                    .transferWithoutSafeguard, "\(path).safeguard",
                    "recipient '\(recipient.id)': \(law.uncertified(finding, recipient: recipient.id))",
                    hint:
                        """
                        if the recipient is on the DPF List (https://www.dataprivacyframework.gov/list), add \
                        transfer.dpf_certified: true; otherwise use standard_contractual_clauses (Art. 46(2)(c))
                        """)
            }
        case .standardContractualClauses, .bindingCorporateRules, .codeOfConduct, .certification:
            guard !law.recognises(transfer.safeguard) else { return }
            let missing = outside.filter { law.adequacy(for: $0, on: nil, overrides: overrides) == nil }
            if !missing.isEmpty {
                error(
                    .transferWithoutSafeguard, "\(path).safeguard",
                    """
                    recipient '\(recipient.id)': \(law.name) does not know \(transfer.safeguard.rawValue) as a \
                    ground for a transfer, and \(law.notAdequate(missing, inForce: false, overrides: overrides))
                    """,
                    hint: "rely on \(law.otherGrounds)")
            }
        case .explicitConsent, .writtenConsent:
            guard let purposeID = transfer.consentPurpose else {
                error(
                    .missingKey, "\(path).consent_purpose",
                    """
                    recipient '\(recipient.id)' transfers on consent (\(law.citation(for: transfer.safeguard))) \
                    but names no consent purpose to check it in the ledger
                    """,
                    hint: "declare a purpose with legal_basis: consent for the transfer and name it in consent_purpose")
                return
            }
            if index.purposes[purposeID]?.legalBasis != .consent {
                error(
                    .undeclaredReference, "\(path).consent_purpose",
                    "consent_purpose '\(purposeID)' of recipient '\(recipient.id)' is not a purpose resting on consent")
            }
        case .contractPerformance:
            break
        }
    }

    /// `dpf_certified` speaks of the EU-US Data Privacy Framework: of a US recipient, under GDPR.
    mutating func checkDPFDeclaration(_ recipient: Recipient, law: TransferLaw, path: String) {
        if !recipient.countries.contains("US") {
            warning(
                .doubtfulPractice, path,
                """
                dpf_certified concerns the EU-US Data Privacy Framework, and recipient '\(recipient.id)' \
                receives no data in the US (\(recipient.countries.joined(separator: ", "))); it changes nothing
                """,
                hint: "remove dpf_certified, or add US to countries if the recipient receives data there")
        } else if law.profile != .euGDPR {
            warning(
                .doubtfulPractice, path,
                """
                the EU-US Data Privacy Framework is an adequacy decision under \
                GDPR Art. 45; under the '\(law.profile.rawValue)' profile it does \
                not make a transfer to the US lawful (\(law.transferCitation))
                """,
                hint: "remove dpf_certified and rely on \(law.otherGrounds)")
        }
    }

    /// `rules.transfers`: a country both added and removed is contradictory; an addition of a listed
    /// country or a removal of an unlisted one changes nothing.
    mutating func checkTransferOverrides(_ law: TransferLaw) {
        guard let overrides = policy.rules.transfers else { return }
        let free = profile.freeTransferCountries
        for (position, country) in overrides.adequateCountriesAdd.enumerated() {
            let path = "rules.transfers.adequate_countries_add[\(position)]"
            if overrides.adequateCountriesRemove.contains(country) {
                error(
                    .invalidValue, path, "\(country) is both added to and removed from the adequate countries",
                    hint: "keep it in one of adequate_countries_add and adequate_countries_remove")
            } else if free.contains(country) {
                warning(
                    .doubtfulPractice, path,
                    """
                    data flows freely to \(country) under the '\(law.profile.rawValue)' \
                    profile; adding it changes nothing
                    """
                )
            } else if let listed = law.listed(country, on: nil), listed.until == nil {
                warning(
                    .doubtfulPractice, path,
                    "\(country) is already adequate under \(law.name) (\(listed.source)); adding it changes nothing"
                        + (listed.requiresDPFCertification ? ", and recipients there still need dpf_certified" : ""),
                    hint: "remove it from adequate_countries_add")
            }
        }
        for (position, country) in overrides.adequateCountriesRemove.enumerated()
        where law.listed(country, on: nil) == nil {
            warning(
                .doubtfulPractice, "rules.transfers.adequate_countries_remove[\(position)]",
                """
                \(country) is not on the list of adequately protected \
                destinations under \(law.name); removing it changes nothing
                """,
                hint: "remove it from adequate_countries_remove")
        }
    }
}
