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
            let contactsPeople = Self.communicationUses.contains {
                purpose.use == $0 || purpose.use.hasPrefix($0 + ".")
            }
            if contactsPeople && purpose.channels.isEmpty {
                error(
                    .missingChannels, "\(path).channels",
                    "purpose '\(purpose.id)' contacts people (\(purpose.use)) but names no channels",
                    hint: "list the channels, e.g. channels: [email, sms]; consent and objection are per channel")
            }
            let special = purpose.categories.filter(isSpecial)
            if !special.isEmpty && purpose.specialCategoryCondition == nil {
                error(
                    .specialCategoryWithoutCondition, "\(path).special_category_condition",
                    """
                    purpose '\(purpose.id)' uses special categories (\(special.joined(separator: ", "))) \
                    without an Article 9(2) condition
                    """,
                    hint: "add special_category_condition, e.g. explicit_consent (Art. 9(2)(a))")
            }
            if special.isEmpty && purpose.specialCategoryCondition != nil {
                warning(
                    .doubtfulPractice, "\(path).special_category_condition",
                    "purpose '\(purpose.id)' states an Article 9(2) condition but uses no special category")
            }
            if purpose.legalBasis == .legitimateInterests && purpose.legitimateInterest == nil {
                error(
                    .missingLegitimateInterest, "\(path).legitimate_interest",
                    "purpose '\(purpose.id)' relies on legitimate interests but does not state them (Art. 13(1)(d))",
                    hint: "add legitimate_interest with the interest pursued, in every language")
            }
            if purpose.legalBasis != .legitimateInterests && purpose.legitimateInterest != nil {
                warning(
                    .doubtfulPractice, "\(path).legitimate_interest",
                    """
                    purpose '\(purpose.id)' states a legitimate interest but its basis is \(purpose.legalBasis.rawValue)
                    """
                )
            }
            if let decision = purpose.automatedDecision, decision.solelyAutomated,
                ![.contract, .consent, .legalObligation].contains(purpose.legalBasis)
            {
                error(
                    .invalidValue, "\(path).automated_decision",
                    """
                    solely automated decisions with legal or similar effect are allowed \
                    only for a contract, by law or with explicit consent (Art. 22(2))
                    """,
                    hint: "change the legal basis, or involve a person in the decision")
            }
            if let requirement = purpose.requirement, requirement.kind != .voluntary, requirement.consequence == nil {
                warning(
                    .doubtfulPractice, "\(path).requirement",
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
            error(
                .consentRetentionOutlivesConsent, "\(path).retention",
                """
                purpose '\(purpose.id)' rests on consent, but retention rule '\(rule.id)' (\(rule.kind.rawValue)) \
                keeps the data after consent is withdrawn with no other ground (Art. 7(3), 17(1)(b))
                """,
                hint:
                    """
                    use a rule of kind until_consent_withdrawn (optionally with a maximum \
                    period), or keep what a law requires under a separate legal-obligation purpose
                    """
            )
        }
    }

    mutating func checkRetentionRules() {
        for (index, rule) in policy.retentionRules.enumerated() {
            let path = "retention_rules[\(index)]"
            switch rule.kind {
            case .endOfRelationship, .fromCollection, .legalObligation:
                if rule.period == nil {
                    error(
                        .retentionPeriodMissing, "\(path).period",
                        "retention rule '\(rule.id)' of kind \(rule.kind.rawValue) needs a period",
                        hint: "add period as an ISO 8601 duration, e.g. P3Y")
                }
            case .untilConsentWithdrawn, .untilObjection:
                break
            }
            if rule.kind == .legalObligation && rule.law == nil {
                error(
                    .missingKey, "\(path).law", "retention rule '\(rule.id)' is a legal obligation but names no law",
                    hint: "add law, e.g. the accounting act and section that sets the period")
            }
            if rule.countedFrom != nil && rule.kind != .legalObligation {
                warning(
                    .doubtfulPractice, "\(path).counted_from",
                    "counted_from only applies to legal_obligation rules and is ignored here")
            }
            if let keep = rule.keep, !keep.isEmpty, rule.action != .anonymise {
                warning(
                    .doubtfulPractice, "\(path).keep",
                    """
                    keep only applies to rules whose action is anonymise; rule '\(rule.id)' \(rule.action.rawValue)s \
                    and keeps nothing
                    """
                )
            }
            if let duration = rule.duration, duration.isZero {
                error(
                    .invalidDuration, "\(path).period", "the retention period of '\(rule.id)' is zero",
                    hint: "use a positive duration, or delete at once with kind until_consent_withdrawn")
            }
        }
    }

    mutating func checkAges() {
        let consentPurposes = policy.purposes.filter { $0.legalBasis == .consent }
        guard let childAge = profile.childConsentAge, !consentPurposes.isEmpty else { return }
        if let minimum = policy.rules.minimumAge {
            if minimum < childAge {
                error(
                    .minimumAgeBelowChildConsentAge, "rules.minimum_age",
                    """
                    the minimum age \(minimum) is below the age of digital consent \(childAge), yet purposes \
                    rely on consent (\(consentPurposes.map(\.id).joined(separator: ", "))) (Art. 8(1))
                    """,
                    hint: "raise minimum_age to \(childAge), or leave it out and record parental consent with given_by")
            }
        } else {
            warning(
                .doubtfulPractice, "rules",
                """
                no minimum_age is declared; a consent of a subject under \(childAge) \
                counts only when a holder of parental responsibility gives it (Art. 8(1))
                """,
                hint: "record such consents with given_by; declare rules.minimum_age only where the company states one")
        }
    }
}
