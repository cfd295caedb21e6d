extension PolicyValidator {
    /// Lawful but doubtful choices: reported as warnings, so the check still passes.
    mutating func checkDoubtfulPractices() {
        if policy.dpo == nil {
            warning(
                .noDPO, "dpo", "no data protection officer or privacy contact is declared",
                hint: "a DPO is mandatory in the cases of Art. 37(1); otherwise name a privacy contact point")
        }
        if policy.controllers.count > 1 {
            for (index, controller) in policy.controllers.enumerated() where controller.jointArrangement == nil {
                warning(
                    .doubtfulPractice, "controllers[\(index)]",
                    "joint controller '\(controller.id)' does not state the essence of the arrangement (Art. 26(2))",
                    hint: "add joint_arrangement")
            }
        }
        if policy.rules.requests.channels.isEmpty {
            warning(
                .doubtfulPractice, "rules.requests",
                "no request channels are declared; the notice falls back to the controller's e-mail",
                hint: "add rules.requests.channels")
        }
        let used = Set(policy.purposes.flatMap(\.categories))
        for (index, category) in policy.dataCategories.enumerated() where !used.contains(category.key) {
            warning(
                .unusedDeclaration, "data_categories[\(index)]",
                "data category '\(category.key)' is declared but no purpose uses it")
        }
        let usedRules = Set(policy.purposes.map(\.retention))
        for (index, rule) in policy.retentionRules.enumerated() where !usedRules.contains(rule.id) {
            warning(
                .unusedDeclaration, "retention_rules[\(index)]",
                "retention rule '\(rule.id)' is not used by any purpose")
        }
        for (index, category) in (policy.cookies?.categories ?? []).enumerated()
        where category.kind != .strictlyNecessary {
            let purpose = category.purpose.flatMap { self.index.purposes[$0] }
            if let purpose, purpose.legalBasis != .consent {
                warning(
                    .doubtfulPractice, "cookies.categories[\(index)].purpose",
                    """
                    \(category.kind.rawValue) cookies need consent (ePrivacy Directive \
                    Art. 5(3)), but purpose '\(purpose.id)' rests on \(purpose.legalBasis.rawValue)
                    """
                )
            } else if category.purpose == nil {
                warning(
                    .doubtfulPractice, "cookies.categories[\(index)]",
                    """
                    \(category.kind.rawValue) cookies need consent (ePrivacy \
                    Directive Art. 5(3)); link them to a consent purpose
                    """,
                    hint: "add purpose: <id of a consent purpose>")
            }
        }
        for (index, purpose) in policy.purposes.enumerated()
        where purpose.use.hasPrefix("marketing") && purpose.legalBasis == .legitimateInterests {
            warning(
                .doubtfulPractice, "purposes[\(index)].legal_basis",
                """
                direct marketing on legitimate interests: an objection \
                must stop it at once and without exception (Art. 21(2)-(3))
                """
            )
        }
    }
}
