/// The change notice of a new policy version (Art. 13(3); Art. 12(1): clear and plain language):
/// each material change as a sentence in the subject's language, the date it takes effect, the
/// purposes whose consent will be asked for again, and the link to the new notice.
extension RequestMessages {
    /// - Parameters:
    ///   - changes: the material changes (`PolicyDiff.changes`) against the version in force.
    ///   - renewed: consent purposes whose earlier consents no longer count (`ConsentScope.renewed`).
    ///   - link: the new version's public notice.
    public func policyChange(
        _ changes: [PolicyChange], renewed: [String], effectiveOn date: CivilDate, link: String
    ) -> RequestMessage {
        var lines: [String] = []
        for change in changes {
            let line = sentence(for: change)
            if !lines.contains(line) { lines.append(line) }
        }
        var paragraphs = [
            strings.text("message.policy_change.intro", ["date": strings.date(date)]),
            lines.map { "- \($0)" }.joined(separator: "\n"),
        ]
        if !renewed.isEmpty {
            paragraphs.append(strings.text("message.policy_change.consent", ["purposes": purposeList(renewed)]))
        }
        paragraphs.append(strings.text("message.policy_change.link", ["link": link]))
        return message("message.policy_change.subject", paragraphs, reference: nil)
    }

    /// One change in plain words.
    func sentence(for change: PolicyChange) -> String {
        let purpose = purposeList([change.subject])
        switch (change.area, change.kind, change.field) {
        case (.purpose, .added, nil): return text("purpose_added", ["purpose": purpose])
        case (.purpose, .removed, nil): return text("purpose_removed", ["purpose": purpose])
        case (.purpose, .added, "categories"):
            return text(
                "categories_added",
                ["purpose": purpose, "category": notice.inline(notice.categoryLabel(change.new ?? ""))])
        case (.purpose, .removed, "categories"):
            return text(
                "categories_removed",
                ["purpose": purpose, "category": notice.inline(notice.categoryLabel(change.old ?? ""))])
        case (.legalBasis, _, "legal_basis"):
            let basis =
                change.new.flatMap(LegalBasis.init(rawValue:)).map { notice.inline(notice.legalBasis($0)) }
                ?? (change.new ?? "")
            return text("legal_basis", ["purpose": purpose, "basis": basis])
        case (.retention, _, _): return text("retention", ["purpose": purpose])
        case (.purpose, _, _), (.legalBasis, _, _): return text("purpose_changed", ["purpose": purpose])
        case (.recipient, .added, nil): return text("recipient_added", ["recipient": recipientName(change.subject)])
        case (.recipient, .removed, nil): return text("recipient_removed", ["recipient": recipientName(change.subject)])
        case (.recipient, _, _): return text("recipient_changed", ["recipient": recipientName(change.subject)])
        case (.transfer, .added, "countries"):
            return text("transfer", ["recipient": recipientName(change.subject), "countries": change.new ?? ""])
        case (.transfer, _, _): return text("recipient_changed", ["recipient": recipientName(change.subject)])
        case (.category, .added, _):
            return text("category_added", ["category": notice.inline(notice.categoryLabel(change.subject))])
        case (.category, _, _):
            return text("category_changed", ["category": notice.inline(notice.categoryLabel(change.subject))])
        case (.controller, _, _): return text("controller", [:])
        case (.jurisdiction, _, _): return text("jurisdiction", [:])
        }
    }

    func text(_ key: String, _ values: [String: String]) -> String {
        strings.text("message.policy_change.\(key)", values)
    }
}
