extension PolicyValidator {
    mutating func checkLanguages() {
        var seen: Set<String> = []
        for (index, language) in policy.languages.enumerated() {
            let path = "languages[\(index)]"
            if !Self.supportedLanguages.contains(language) {
                error(
                    .unsupportedLanguage, path, "Sargs has no notice wording in '\(language)'",
                    hint: "supported languages: \(Self.supportedLanguages.joined(separator: ", "))")
            }
            if !seen.insert(language).inserted {
                error(.duplicateKey, path, "language '\(language)' is declared twice")
            }
        }
        if !policy.languages.contains(policy.authoritativeLanguage) {
            error(
                .authoritativeLanguageUndeclared, "authoritative_language",
                "the authoritative language '\(policy.authoritativeLanguage)' is not among the declared languages",
                hint:
                    """
                    add '\(policy.authoritativeLanguage)' to languages, or \
                    choose one of \(policy.languages.joined(separator: ", "))
                    """
            )
        }
    }

    mutating func checkJurisdiction() {
        let settings = policy.jurisdiction
        if settings.profile == .euGDPR {
            guard let state = settings.memberState else {
                error(
                    .missingKey, "jurisdiction", "the eu-gdpr profile needs a member_state",
                    hint: "add e.g. member_state: LV")
                return
            }
            if !Countries.europeanEconomicArea.contains(state) {
                error(.invalidValue, "jurisdiction.member_state", "'\(state)' is not a member state of the EEA")
            }
        } else if settings.memberState != nil {
            warning(
                .doubtfulPractice, "jurisdiction.member_state",
                "member_state only applies to the eu-gdpr profile and is ignored for '\(settings.profile.rawValue)'")
        }
        if let zone = settings.timeZone, LocalTime(identifier: zone) == nil {
            error(
                .invalidValue, "jurisdiction.time_zone", "'\(zone)' is not a time zone this system knows",
                hint:
                    "use an IANA name such as Europe/Riga, Europe/Vilnius, Europe/Tallinn, Europe/Kyiv or Europe/Minsk")
        }
        if profile.authority == nil && policy.supervisoryAuthority == nil {
            error(
                .missingKey, "supervisory_authority",
                """
                Sargs has no default supervisory authority for this \
                jurisdiction; the notice must name one (Art. 13(2)(d))
                """,
                hint: "add supervisory_authority with name, address and website")
        }
    }

    mutating func checkUniqueIdentifiers() {
        reportDuplicates(policy.controllers.map(\.id), "controllers", "id", what: "controller")
        reportDuplicates(policy.dataSubjects.map(\.key), "data_subjects", "key", what: "data subject")
        reportDuplicates(policy.dataCategories.map(\.key), "data_categories", "key", what: "data category")
        reportDuplicates(policy.purposes.map(\.id), "purposes", "id", what: "purpose")
        reportDuplicates(policy.retentionRules.map(\.id), "retention_rules", "id", what: "retention rule")
        reportDuplicates(policy.recipients.map(\.id), "recipients", "id", what: "recipient")
        for (index, purpose) in policy.purposes.enumerated() {
            reportDuplicates(purpose.categories, "purposes[\(index)].categories", nil, what: "category reference")
        }
    }

    private mutating func reportDuplicates(_ values: [String], _ listPath: String, _ field: String?, what: String) {
        var firstIndex: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            let path = field.map { "\(listPath)[\(index)].\($0)" } ?? "\(listPath)[\(index)]"
            if let first = firstIndex[value] {
                let firstPath = field.map { "\(listPath)[\(first)].\($0)" } ?? "\(listPath)[\(first)]"
                let line = sourceMap.location(of: firstPath).line
                error(
                    .duplicateKey, path, "duplicate \(what) '\(value)' (first declared on line \(line))",
                    hint: "every \(what) must be unique; rename or merge the two entries")
            } else {
                firstIndex[value] = index
            }
        }
    }

    mutating func checkTaxonomyKeys() {
        let declaredCategories = Set(policy.dataCategories.map(\.key))
        for (index, category) in policy.dataCategories.enumerated() where taxonomy.categories[category.key] == nil {
            let path = "data_categories[\(index)]"
            // A custom key extends a known key directly: user.contact.messenger_id sits under user.contact.
            let parentKey = Taxonomy.parent(of: category.key)
            let parent = parentKey.flatMap {
                taxonomy.categories[$0] != nil || declaredCategories.contains($0) ? $0 : nil
            }
            if parent == nil {
                let nearest = NearestMatch.suggestion(for: category.key, among: taxonomy.categories.keys)
                error(
                    .unknownTaxonomyKey, "\(path).key",
                    "'\(category.key)' is neither a fideslang data category nor a custom key beneath one",
                    hint: nearest.map { "did you mean '\($0)'?" }
                        ?? "custom keys extend a known parent, e.g. user.contact.messenger_id")
            } else if category.label == nil {
                error(
                    .missingKey, "\(path).label", "custom category '\(category.key)' needs a label in every language",
                    hint: "only fideslang keys have bundled labels")
            }
        }
        for (index, subject) in policy.dataSubjects.enumerated()
        where taxonomy.subjects[subject.key] == nil && subject.label == nil {
            let nearest = NearestMatch.suggestion(for: subject.key, among: taxonomy.subjects.keys)
            error(
                .missingKey, "data_subjects[\(index)].label",
                "custom data subject '\(subject.key)' needs a label in every language",
                hint: nearest.map { "or use the fideslang key '\($0)'" } ?? "fideslang keys have bundled labels")
        }
        for (index, purpose) in policy.purposes.enumerated() where taxonomy.uses[purpose.use] == nil {
            if Taxonomy.parent(of: purpose.use).flatMap({ taxonomy.uses[$0] }) == nil {
                let nearest = NearestMatch.suggestion(for: purpose.use, among: taxonomy.uses.keys)
                error(
                    .unknownTaxonomyKey, "purposes[\(index)].use",
                    "'\(purpose.use)' is neither a fideslang data use nor a custom use beneath one",
                    hint: nearest.map { "did you mean '\($0)'?" }
                        ?? "e.g. essential.service, marketing.communications.email")
            }
        }
    }

    mutating func checkReferences() {
        let categories = Set(policy.dataCategories.map(\.key))
        let subjects = Set(policy.dataSubjects.map(\.key))
        let purposes = Set(policy.purposes.map(\.id))
        let rules = Set(policy.retentionRules.map(\.id))
        for (index, purpose) in policy.purposes.enumerated() {
            let path = "purposes[\(index)]"
            for (position, key) in purpose.categories.enumerated() where !categories.contains(key) {
                undeclared(
                    "data category", key, "\(path).categories[\(position)]", among: categories,
                    declareIn: "data_categories")
            }
            for (position, key) in purpose.dataSubjects.enumerated() where !subjects.contains(key) {
                undeclared(
                    "data subject", key, "\(path).data_subjects[\(position)]", among: subjects,
                    declareIn: "data_subjects")
            }
            if !rules.contains(purpose.retention) {
                undeclared(
                    "retention rule", purpose.retention, "\(path).retention", among: rules, declareIn: "retention_rules"
                )
            }
        }
        for (index, recipient) in policy.recipients.enumerated() {
            let path = "recipients[\(index)]"
            for (position, id) in recipient.purposes.enumerated() where !purposes.contains(id) {
                undeclared("purpose", id, "\(path).purposes[\(position)]", among: purposes, declareIn: "purposes")
            }
            for (position, key) in recipient.categories.enumerated() where !categories.contains(key) {
                undeclared(
                    "data category", key, "\(path).categories[\(position)]", among: categories,
                    declareIn: "data_categories")
            }
        }
        for (index, category) in (policy.cookies?.categories ?? []).enumerated() {
            if let id = category.purpose, !purposes.contains(id) {
                undeclared(
                    "purpose", id, "cookies.categories[\(index)].purpose", among: purposes, declareIn: "purposes")
            }
        }
    }

    private mutating func undeclared(
        _ what: String, _ value: String, _ path: String, among declared: Set<String>, declareIn list: String
    ) {
        let hint =
            NearestMatch.suggestion(for: value, among: declared).map { "did you mean '\($0)'?" }
            ?? "declare it under \(list) first"
        error(.undeclaredReference, path, "\(what) '\(value)' is not declared", hint: hint)
    }
}
