extension PolicyValidator {
    /// Data uses that contact people and therefore must say through which channels.
    static let communicationUses = ["marketing.communications", "essential.service.notifications"]

    /// Whether the category key is a special category, by declaration or by taxonomy.
    func isSpecial(_ key: String) -> Bool {
        index.categories[key]?.special ?? taxonomy.isSpecial(key)
    }

    mutating func checkPurposeRules() {
        for (index, purpose) in policy.purposes.enumerated() {
            let path = "purposes[\(index)]"
            let contactsPeople = Self.communicationUses.contains { purpose.use == $0 || purpose.use.hasPrefix($0 + ".") }
            if contactsPeople && purpose.channels.isEmpty {
                error(.missingChannels, "\(path).channels",
                      "purpose '\(purpose.id)' contacts people (\(purpose.use)) but names no channels",
                      hint: "list the channels, e.g. channels: [email, sms]; consent and objection are per channel")
            }
            let special = purpose.categories.filter(isSpecial)
            if !special.isEmpty && purpose.specialCategoryCondition == nil {
                error(.specialCategoryWithoutCondition, "\(path).special_category_condition",
                      "purpose '\(purpose.id)' uses special categories (\(special.joined(separator: ", "))) without an Article 9(2) condition",
                      hint: "add special_category_condition, e.g. explicit_consent (Art. 9(2)(a))")
            }
            if special.isEmpty && purpose.specialCategoryCondition != nil {
                warning(.doubtfulPractice, "\(path).special_category_condition",
                        "purpose '\(purpose.id)' states an Article 9(2) condition but uses no special category")
            }
            if purpose.legalBasis == .legitimateInterests && purpose.legitimateInterest == nil {
                error(.missingLegitimateInterest, "\(path).legitimate_interest",
                      "purpose '\(purpose.id)' relies on legitimate interests but does not state them (Art. 13(1)(d))",
                      hint: "add legitimate_interest with the interest pursued, in every language")
            }
            if purpose.legalBasis != .legitimateInterests && purpose.legitimateInterest != nil {
                warning(.doubtfulPractice, "\(path).legitimate_interest",
                        "purpose '\(purpose.id)' states a legitimate interest but its basis is \(purpose.legalBasis.rawValue)")
            }
            if let decision = purpose.automatedDecision, decision.solelyAutomated,
               ![.contract, .consent, .legalObligation].contains(purpose.legalBasis) {
                error(.invalidValue, "\(path).automated_decision",
                      "solely automated decisions with legal or similar effect are allowed only for a contract, by law or with explicit consent (Art. 22(2))",
                      hint: "change the legal basis, or involve a person in the decision")
            }
            if let requirement = purpose.requirement, requirement.kind != .voluntary, requirement.consequence == nil {
                warning(.doubtfulPractice, "\(path).requirement",
                        "the notice must say what happens if the data is not provided (Art. 13(2)(e))",
                        hint: "add requirement.consequence")
            }
            checkConsentRetention(purpose, path: path)
        }
    }

    private mutating func checkConsentRetention(_ purpose: Purpose, path: String) {
        guard purpose.legalBasis == .consent, let rule = index.retentionRules[purpose.retention] else { return }
        switch rule.kind {
        case .untilConsentWithdrawn, .legalObligation:
            return
        case .untilObjection, .endOfRelationship, .fromCollection:
            error(.consentRetentionOutlivesConsent, "\(path).retention",
                  "purpose '\(purpose.id)' rests on consent, but retention rule '\(rule.id)' (\(rule.kind.rawValue)) keeps the data after consent is withdrawn with no other ground (Art. 7(3), 17(1)(b))",
                  hint: "use a rule of kind until_consent_withdrawn (optionally with a maximum period), or keep what a law requires under a separate legal-obligation purpose")
        }
    }

    mutating func checkRetentionRules() {
        for (index, rule) in policy.retentionRules.enumerated() {
            let path = "retention_rules[\(index)]"
            switch rule.kind {
            case .endOfRelationship, .fromCollection, .legalObligation:
                if rule.period == nil {
                    error(.retentionPeriodMissing, "\(path).period",
                          "retention rule '\(rule.id)' of kind \(rule.kind.rawValue) needs a period",
                          hint: "add period as an ISO 8601 duration, e.g. P3Y")
                }
            case .untilConsentWithdrawn, .untilObjection:
                break
            }
            if rule.kind == .legalObligation && rule.law == nil {
                error(.missingKey, "\(path).law", "retention rule '\(rule.id)' is a legal obligation but names no law",
                      hint: "add law, e.g. the accounting act and section that sets the period")
            }
            if rule.countedFrom != nil && rule.kind != .legalObligation {
                warning(.doubtfulPractice, "\(path).counted_from",
                        "counted_from only applies to legal_obligation rules and is ignored here")
            }
            if let keep = rule.keep, !keep.isEmpty, rule.action != .anonymise {
                warning(.doubtfulPractice, "\(path).keep",
                        "keep only applies to rules whose action is anonymise; rule '\(rule.id)' \(rule.action.rawValue)s and keeps nothing")
            }
            if let duration = rule.duration, duration.isZero {
                error(.invalidDuration, "\(path).period", "the retention period of '\(rule.id)' is zero",
                      hint: "use a positive duration, or delete at once with kind until_consent_withdrawn")
            }
        }
    }

    mutating func checkTransfers() {
        let free = profile.freeTransferCountries
        for (index, recipient) in policy.recipients.enumerated() {
            let outside = recipient.countries.filter { !free.contains($0) }
            if !outside.isEmpty && recipient.transfer == nil {
                error(.transferWithoutSafeguard, "recipients[\(index)].countries",
                      "recipient '\(recipient.id)' receives data in \(outside.joined(separator: ", ")), outside the area where data flows freely, with no transfer safeguard (GDPR Art. 44-49)",
                      hint: "add transfer.safeguard, e.g. standard_contractual_clauses (Art. 46(2)(c)) or adequacy_decision (Art. 45)")
            }
            if let transfer = recipient.transfer, !outside.isEmpty {
                checkSafeguard(transfer, outside: outside, recipient: recipient, path: "recipients[\(index)].transfer")
            }
            if outside.isEmpty && recipient.transfer != nil {
                warning(.doubtfulPractice, "recipients[\(index)].transfer",
                        "recipient '\(recipient.id)' has a transfer safeguard but no country outside the free-flow area")
            }
        }
    }

    /// An adequacy decision must exist for each country; a consent safeguard names the consent purpose.
    mutating func checkSafeguard(_ transfer: Transfer, outside: [String], recipient: Recipient, path: String) {
        switch transfer.safeguard {
        case .adequacyDecision:
            // Whether a decision is in force on a given day is checked at disclosure; here, whether one exists.
            let missing = outside.filter { AdequacyDecisions.byCountry[$0] == nil }
            if !missing.isEmpty {
                warning(.doubtfulPractice, "\(path).safeguard",
                        "recipient '\(recipient.id)': the Commission has no adequacy decision for \(missing.joined(separator: ", ")) (GDPR Art. 45); disclosures there will be refused")
            }
        case .explicitConsent, .writtenConsent:
            guard let purposeID = transfer.consentPurpose else {
                error(.missingKey, "\(path).consent_purpose",
                      "recipient '\(recipient.id)' transfers on consent (Art. 49(1)(a)) but names no consent purpose to check it in the ledger",
                      hint: "declare a purpose with legal_basis: consent for the transfer and name it in consent_purpose")
                return
            }
            if index.purposes[purposeID]?.legalBasis != .consent {
                error(.undeclaredReference, "\(path).consent_purpose",
                      "consent_purpose '\(purposeID)' of recipient '\(recipient.id)' is not a purpose resting on consent")
            }
        default:
            break
        }
    }

    mutating func checkAges() {
        let consentPurposes = policy.purposes.filter { $0.legalBasis == .consent }
        guard let childAge = profile.childConsentAge, !consentPurposes.isEmpty else { return }
        if let minimum = policy.rules.minimumAge {
            if minimum < childAge {
                error(.minimumAgeBelowChildConsentAge, "rules.minimum_age",
                      "the minimum age \(minimum) is below the age of digital consent \(childAge), yet purposes rely on consent (\(consentPurposes.map(\.id).joined(separator: ", "))) (Art. 8(1))",
                      hint: "raise minimum_age to \(childAge), or obtain parental consent outside Sargs and set child_consent_age accordingly")
            }
        } else {
            warning(.doubtfulPractice, "rules",
                    "no minimum_age is declared; subjects under \(childAge) cannot give consent themselves (Art. 8(1))",
                    hint: "add rules.minimum_age")
        }
    }
}
