extension RetentionRule.Action: Comparable {
    /// Ordered by the name the policy file gives the action, so reports and audit entries list them alphabetically.
    public static func < (lhs: RetentionRule.Action, rhs: RetentionRule.Action) -> Bool { lhs.rawValue < rhs.rawValue }
}
