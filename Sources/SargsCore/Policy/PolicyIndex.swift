/// Lookup tables over a policy, built once, so renderers and rules do not scan lists
/// for every reference (a policy may declare thousands of categories).
public struct PolicyIndex: Sendable {
    public let categories: [String: DataCategoryDeclaration]
    public let subjects: [String: DataSubjectDeclaration]
    public let purposes: [String: Purpose]
    public let retentionRules: [String: RetentionRule]
    public let recipientsByPurpose: [String: [Recipient]]

    public init(_ policy: Policy) {
        categories = Dictionary(policy.dataCategories.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        subjects = Dictionary(policy.dataSubjects.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        purposes = Dictionary(policy.purposes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        retentionRules = Dictionary(policy.retentionRules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byPurpose: [String: [Recipient]] = [:]
        for recipient in policy.recipients {
            for purpose in Set(recipient.purposes) { byPurpose[purpose, default: []].append(recipient) }
        }
        recipientsByPurpose = byPurpose
    }

    public func recipients(for purposeID: String) -> [Recipient] { recipientsByPurpose[purposeID] ?? [] }
}
