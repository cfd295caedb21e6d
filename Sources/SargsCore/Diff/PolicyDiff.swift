/// One material difference between two versions of a policy.
public struct PolicyChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case added, removed, changed
    }

    /// What part of the policy changed.
    public enum Area: String, Sendable, Hashable, Codable {
        case controller, jurisdiction, purpose, legalBasis = "legal_basis", category, recipient, transfer, retention
    }

    public var kind: Kind
    public var area: Area
    /// The identifier of the changed element (purpose id, category key, …).
    public var subject: String
    public var field: String?
    public var old: String?
    public var new: String?

    /// A one-line human description, e.g. `~ purpose newsletter: legal_basis consent → legitimate_interests`.
    public var summary: String {
        let sign = kind == .added ? "+" : kind == .removed ? "-" : "~"
        var text = "\(sign) \(area.rawValue) \(subject)"
        if let field { text += ": \(field)" }
        switch (old, new) {
        case let (old?, new?): text += " \(old) → \(new)"
        case let (nil, new?): text += " \(new)"
        case let (old?, nil): text += " \(old)"
        default: break
        }
        return text
    }
}

/// The material changes between two policies: what a change notice (Art. 13(3)) must tell people.
public struct PolicyDiff: Sendable, Hashable, Codable {
    public var oldVersion: String
    public var newVersion: String
    public var changes: [PolicyChange]

    public var isEmpty: Bool { changes.isEmpty }

    public init(old: Policy, new: Policy) {
        oldVersion = old.policy.version
        newVersion = new.policy.version
        var changes: [PolicyChange] = []
        Self.compareControllers(old, new, into: &changes)
        Self.comparePurposes(old, new, into: &changes)
        Self.compareCategories(old, new, into: &changes)
        Self.compareRecipients(old, new, into: &changes)
        self.changes = changes
    }

    /// Plain text, one change per line.
    public var text: String {
        guard !changes.isEmpty else { return "No material changes between \(oldVersion) and \(newVersion).\n" }
        return "Material changes from \(oldVersion) to \(newVersion):\n" + changes.map { "  \($0.summary)\n" }.joined()
    }

    static func sets<T: Hashable>(_ old: [T], _ new: [T]) -> (added: [T], removed: [T]) {
        let oldSet = Set(old), newSet = Set(new)
        return (new.filter { !oldSet.contains($0) }, old.filter { !newSet.contains($0) })
    }

    static func listChanges(
        _ area: PolicyChange.Area, _ subject: String, _ field: String,
        _ old: [String], _ new: [String], into changes: inout [PolicyChange]
    ) {
        let (added, removed) = sets(old, new)
        for value in added {
            changes.append(.init(kind: .added, area: area, subject: subject, field: field, old: nil, new: value))
        }
        for value in removed {
            changes.append(.init(kind: .removed, area: area, subject: subject, field: field, old: value, new: nil))
        }
    }

    static func valueChange(
        _ area: PolicyChange.Area, _ subject: String, _ field: String,
        _ old: String?, _ new: String?, into changes: inout [PolicyChange]
    ) {
        guard old != new else { return }
        let kind: PolicyChange.Kind = old == nil ? .added : new == nil ? .removed : .changed
        changes.append(.init(kind: kind, area: area, subject: subject, field: field, old: old, new: new))
    }

    static func compareControllers(_ old: Policy, _ new: Policy, into changes: inout [PolicyChange]) {
        listChanges(
            .controller, "controllers", "legal_name", old.controllers.map(\.legalName),
            new.controllers.map(\.legalName), into: &changes)
        valueChange(.controller, "dpo", "email", old.dpo?.email, new.dpo?.email, into: &changes)
        valueChange(
            .jurisdiction, "jurisdiction", "profile", old.jurisdiction.profile.rawValue,
            new.jurisdiction.profile.rawValue, into: &changes)
        valueChange(
            .jurisdiction, "jurisdiction", "member_state", old.jurisdiction.memberState, new.jurisdiction.memberState,
            into: &changes)
    }

    static func comparePurposes(_ old: Policy, _ new: Policy, into changes: inout [PolicyChange]) {
        let oldByID = Dictionary(old.purposes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(new.purposes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for purpose in new.purposes where oldByID[purpose.id] == nil {
            changes.append(
                .init(
                    kind: .added, area: .purpose, subject: purpose.id, field: nil, old: nil,
                    new: "(\(purpose.use), \(purpose.legalBasis.rawValue))"))
        }
        for purpose in old.purposes where newByID[purpose.id] == nil {
            changes.append(
                .init(
                    kind: .removed, area: .purpose, subject: purpose.id, field: nil, old: "(\(purpose.use))", new: nil))
        }
        for before in old.purposes {
            guard let after = newByID[before.id] else { continue }
            let id = before.id
            valueChange(
                .legalBasis, id, "legal_basis", before.legalBasis.rawValue, after.legalBasis.rawValue, into: &changes)
            valueChange(
                .legalBasis, id, "special_category_condition", before.specialCategoryCondition?.rawValue,
                after.specialCategoryCondition?.rawValue, into: &changes)
            valueChange(.purpose, id, "use", before.use, after.use, into: &changes)
            listChanges(.purpose, id, "categories", before.categories, after.categories, into: &changes)
            listChanges(.purpose, id, "data_subjects", before.dataSubjects, after.dataSubjects, into: &changes)
            listChanges(
                .purpose, id, "channels", before.channels.map(\.rawValue), after.channels.map(\.rawValue),
                into: &changes)
            valueChange(
                .purpose, id, "automated_decision", describe(before.automatedDecision),
                describe(after.automatedDecision), into: &changes)
            let oldRule = old.retentionRule(before.retention).map(describe)
            let newRule = new.retentionRule(after.retention).map(describe)
            valueChange(.retention, id, "retention", oldRule, newRule, into: &changes)
        }
    }

    static func compareCategories(_ old: Policy, _ new: Policy, into changes: inout [PolicyChange]) {
        let (added, removed) = sets(old.dataCategories.map(\.key), new.dataCategories.map(\.key))
        for key in added {
            changes.append(.init(kind: .added, area: .category, subject: key, field: nil, old: nil, new: nil))
        }
        for key in removed {
            changes.append(.init(kind: .removed, area: .category, subject: key, field: nil, old: nil, new: nil))
        }
        for before in old.dataCategories {
            guard let after = new.category(before.key) else { continue }
            valueChange(
                .category, before.key, "special", before.special.map(String.init), after.special.map(String.init),
                into: &changes)
        }
    }

    static func compareRecipients(_ old: Policy, _ new: Policy, into changes: inout [PolicyChange]) {
        let oldByID = Dictionary(old.recipients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for recipient in new.recipients where oldByID[recipient.id] == nil {
            changes.append(
                .init(
                    kind: .added, area: .recipient, subject: recipient.id, field: nil, old: nil,
                    new: "(\(recipient.role.rawValue), \(recipient.countries.joined(separator: ",")))"))
        }
        let newIDs = Set(new.recipients.map(\.id))
        for recipient in old.recipients where !newIDs.contains(recipient.id) {
            changes.append(
                .init(kind: .removed, area: .recipient, subject: recipient.id, field: nil, old: nil, new: nil))
        }
        for after in new.recipients {
            guard let before = oldByID[after.id] else { continue }
            valueChange(.recipient, after.id, "role", before.role.rawValue, after.role.rawValue, into: &changes)
            listChanges(.recipient, after.id, "purposes", before.purposes, after.purposes, into: &changes)
            listChanges(.recipient, after.id, "categories", before.categories, after.categories, into: &changes)
            listChanges(.transfer, after.id, "countries", before.countries, after.countries, into: &changes)
            valueChange(
                .transfer, after.id, "safeguard", before.transfer?.safeguard.rawValue,
                after.transfer?.safeguard.rawValue, into: &changes)
        }
    }

    static func describe(_ rule: RetentionRule) -> String {
        var text = rule.kind.rawValue
        if let period = rule.period { text += " \(period)" }
        if rule.kind == .legalObligation { text += " from \(rule.trigger.rawValue)" }
        return text + ", then \(rule.action.rawValue)"
    }

    static func describe(_ decision: AutomatedDecision?) -> String? {
        guard let decision else { return nil }
        return decision.solelyAutomated ? "solely automated" : decision.profiling ? "profiling" : "assisted"
    }
}
