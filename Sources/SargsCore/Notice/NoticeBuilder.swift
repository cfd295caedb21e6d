/// Builds the privacy notice (GDPR Articles 13 and 14; Law 2297-VI Art. 12; Law 99-Z)
/// of a policy in one of its languages.
public struct NoticeBuilder: Sendable {
    public let policy: Policy
    public let strings: NoticeStrings
    public let profile: JurisdictionProfile
    let taxonomy: Taxonomy
    let index: PolicyIndex

    public var language: String { strings.language }
    var profileKind: JurisdictionSettings.ProfileKind { profile.kind }

    public init(policy: Policy, language: String, taxonomy: Taxonomy = .fideslang) throws(NoticeStrings.LoadError) {
        self.policy = policy
        self.strings = try NoticeStrings(language: language)
        self.profile = JurisdictionProfile.resolve(policy.jurisdiction)
        self.taxonomy = taxonomy
        self.index = PolicyIndex(policy)
    }

    /// The complete notice.
    public func build() -> NoticeDocument {
        var sections = [controllerSection(), purposesSection(), categoriesSection()]
        if let sources = sourcesSection() { sections.append(sources) }
        sections += [
            recipientsSection(), transfersSection(), automatedSection(), rightsSection(), exerciseSection(),
            authoritySection(),
        ]
        if let cookies = cookiesSection() { sections.append(cookies) }
        if !policy.securityMeasures.isEmpty { sections.append(securitySection()) }
        sections.append(changesSection())
        let title = policy.policy.title.map(localized) ?? strings.text("title.default")
        return NoticeDocument(
            language: language, title: title, subtitle: versionLine, sections: sections, accent: policy.branding?.colour
        )
    }

    var versionLine: String {
        strings.text("meta.version", ["version": policy.policy.version, "date": effectiveDate])
    }

    var effectiveDate: String {
        CivilDate(iso: policy.policy.effective).map(strings.date) ?? policy.policy.effective
    }

    // MARK: - Wording helpers

    func localized(_ text: LocalizedText) -> String {
        text.text(in: language, fallback: policy.authoritativeLanguage)
    }

    /// A data category's label in this language: the policy's own, else the taxonomy's, else the key.
    public func categoryLabel(_ key: String) -> String {
        if let label = index.categories[key]?.label { return localized(label) }
        return taxonomy.categories[key]?.labels[language] ?? key
    }

    func subjectLabel(_ key: String) -> String {
        if let label = index.subjects[key]?.label { return localized(label) }
        return taxonomy.subjects[key]?.labels[language] ?? key
    }

    func isSpecial(_ key: String) -> Bool {
        index.categories[key]?.special ?? taxonomy.isSpecial(key)
    }

    /// E.g. "Your consent (Article 6(1)(a) GDPR)".
    func legalBasis(_ basis: LegalBasis) -> String {
        let citation =
            profileKind == .euGDPR ? gdprCitation(basis.article) : strings.text("law.basis", profile: profileKind)
        return "\(capitalized(strings.text("basis.\(basis.rawValue)"))) (\(citation))"
    }

    /// The Art. 9(2) condition as a phrase that continues a sentence ("… — your explicit consent (…)").
    func specialCondition(_ condition: SpecialCategoryCondition) -> String {
        let label = strings.text("special.\(condition.rawValue)")
        guard profileKind == .euGDPR else { return label }
        return "\(label) (\(gdprCitation(condition.article)))"
    }

    /// A GDPR provision cited the way the notice language cites law.
    func gdprCitation(_ reference: ArticleReference) -> String {
        strings.text(reference.templateKey, reference.templateValues)
    }

    /// A taxonomy label inside running text: lower-case initial unless it is an acronym ("IP address").
    func inline(_ label: String) -> String {
        let characters = Array(label)
        guard characters.count > 1, characters[0].isUppercase, characters[1].isLowercase || !characters[1].isLetter
        else {
            return label
        }
        return characters[0].lowercased() + String(characters.dropFirst())
    }

    /// Labels joined as a sentence fragment with a capital first letter: "E-mail address, telephone number".
    func labelList(_ labels: [String]) -> String {
        capitalized(labels.map(inline).joined(separator: ", "))
    }

    func period(_ text: String?) -> String? {
        guard let text, let duration = try? ISODuration(parsing: text) else { return nil }
        return PeriodWording.duration(duration, strings)
    }

    /// The retention rule in plain words, e.g. "3 years after our relationship with you ends. The data is then
    /// deleted."
    func retention(_ rule: RetentionRule) -> String {
        var phrase: String
        let duration = period(rule.period) ?? ""
        switch rule.kind {
        case .untilConsentWithdrawn, .untilObjection:
            phrase =
                rule.period == nil
                ? strings.text("retention.\(rule.kind.rawValue)")
                : strings.text("retention.\(rule.kind.rawValue).max", ["period": duration])
        case .endOfRelationship, .fromCollection:
            phrase = strings.text("retention.\(rule.kind.rawValue)", ["period": duration])
        case .legalObligation:
            phrase = strings.text(
                "retention.legal_obligation",
                [
                    "period": duration,
                    "trigger": strings.text("trigger.\(rule.trigger.rawValue)"),
                    "law": rule.law.map(localized) ?? "",
                ])
        }
        var sentence = capitalized(phrase) + ". " + strings.text("action.\(rule.action.rawValue)")
        if let note = rule.note { sentence += " " + localized(note) }
        return sentence
    }

    func countryList(_ codes: [String]) -> String {
        codes.map { Countries.name($0, in: language) }.joined(separator: ", ")
    }

    func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
