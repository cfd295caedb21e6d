extension PolicyValidator {
    /// Every translatable text in the policy with its YAML path, and whether it is a proper name
    /// (which may be written once for all languages).
    var localizedTexts: [(path: String, text: LocalizedText, isName: Bool)] {
        var texts: [(String, LocalizedText, Bool)] = []
        func add(_ path: String, _ text: LocalizedText?, name: Bool = false) {
            if let text { texts.append((path, text, name)) }
        }
        add("policy.title", policy.policy.title)
        for (i, controller) in policy.controllers.enumerated() {
            add("controllers[\(i)].joint_arrangement", controller.jointArrangement)
        }
        add("dpo.name", policy.dpo?.name, name: true)
        add("representative.name", policy.representative?.name, name: true)
        add("supervisory_authority.name", policy.supervisoryAuthority?.name, name: true)
        for (i, subject) in policy.dataSubjects.enumerated() { add("data_subjects[\(i)].label", subject.label) }
        for (i, category) in policy.dataCategories.enumerated() { add("data_categories[\(i)].label", category.label) }
        for (i, purpose) in policy.purposes.enumerated() {
            let path = "purposes[\(i)]"
            add("\(path).label", purpose.label)
            add("\(path).description", purpose.description)
            add("\(path).legitimate_interest", purpose.legitimateInterest)
            add("\(path).requirement.consequence", purpose.requirement?.consequence)
            add("\(path).automated_decision.logic", purpose.automatedDecision?.logic)
            add("\(path).automated_decision.effect", purpose.automatedDecision?.effect)
            add("\(path).source.description", purpose.source?.description)
        }
        for (i, rule) in policy.retentionRules.enumerated() {
            add("retention_rules[\(i)].law", rule.law)
            add("retention_rules[\(i)].note", rule.note)
        }
        for (i, recipient) in policy.recipients.enumerated() {
            add("recipients[\(i)].name", recipient.name, name: true)
        }
        for (i, category) in (policy.cookies?.categories ?? []).enumerated() {
            add("cookies.categories[\(i)].description", category.description)
            for (j, cookie) in category.cookies.enumerated() {
                add("cookies.categories[\(i)].cookies[\(j)].purpose", cookie.purpose)
            }
        }
        add("rules.requests.fees", policy.rules.requests.fees)
        for (i, measure) in policy.securityMeasures.enumerated() { add("security_measures[\(i)]", measure) }
        return texts
    }

    mutating func checkTranslations() {
        let languages = policy.languages.filter(Self.supportedLanguages.contains)
        for (path, text, isName) in localizedTexts {
            if text.isNeutral && !isName && languages.count > 1 {
                error(
                    .missingTranslation, path,
                    """
                    \(path) is written once for all languages, but the policy \
                    is published in \(languages.joined(separator: ", "))
                    """,
                    hint:
                        """
                        write a map with one text per language, \
                        e.g. {\(languages.map { "\($0): …" }.joined(separator: ", "))}
                        """
                )
                continue
            }
            for language in text.missing(in: languages) {
                error(
                    .missingTranslation, "\(path).\(language)", "missing '\(language)' translation of \(path)",
                    hint: "every declared language needs every text; add \(language): … under \(path)")
            }
            for language in text.translations.keys.sorted() where !policy.languages.contains(language) {
                warning(
                    .unusedDeclaration, "\(path).\(language)",
                    "translation '\(language)' is not a declared language and will not be published")
            }
        }
    }
}
