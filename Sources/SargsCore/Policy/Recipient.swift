/// A recipient or category of recipients (Art. 13(1)(e)), with any transfer out of the free-flow area.
public struct Recipient: Sendable, Hashable, Codable {
    public var id: String
    /// A name, or a description of the category of recipients.
    public var name: LocalizedText
    public var role: Role
    public var purposes: [String]
    public var categories: [String]
    /// ISO 3166-1 alpha-2 countries where the recipient receives or stores the data.
    public var countries: [String]
    /// The safeguard for a transfer outside the free-flow area, judged by the policy's own law
    /// (GDPR Art. 44–49, Law of Ukraine No. 2297-VI Art. 29, Law of Belarus No. 99-Z Art. 9; `TransferLaw`).
    public var transfer: Transfer?

    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case processor
        case controller
        case jointController = "joint_controller"
        case authority
        case affiliate
        case agent
    }
}

/// A transfer safeguard (GDPR Chapter V). Under the `ua` and `by` profiles the same names stand for
/// that law's grounds (`TransferLaw.grounds`); a safeguard the law does not know is not a ground there.
public struct Transfer: Sendable, Hashable, Codable {
    public var safeguard: Safeguard
    /// E.g. `Commission Implementing Decision (EU) 2021/914`.
    public var reference: String?
    /// How the subject can obtain a copy of the safeguard (Art. 13(1)(f)).
    public var copyAvailableAt: String?
    /// For `explicit_consent` and `written_consent` (Art. 49(1)(a)): the consent purpose of the
    /// policy whose consent in the ledger permits the transfer.
    public var consentPurpose: String?
    /// For `adequacy_decision` to the US under GDPR: the recipient is certified under the EU-US Data
    /// Privacy Framework (on the DPF List), the only organisations decision (EU) 2023/1795 covers.
    public var dpfCertified: Bool?

    public enum Safeguard: String, Sendable, Hashable, Codable, CaseIterable {
        case adequacyDecision = "adequacy_decision"
        case standardContractualClauses = "standard_contractual_clauses"
        case bindingCorporateRules = "binding_corporate_rules"
        case codeOfConduct = "code_of_conduct"
        case certification
        case explicitConsent = "explicit_consent"
        case writtenConsent = "written_consent"
        case contractPerformance = "contract_performance"

        /// The GDPR provision the safeguard rests on.
        public var article: ArticleReference {
            switch self {
            case .adequacyDecision: return ArticleReference(45)
            case .standardContractualClauses: return ArticleReference(46, 2, "c")
            case .bindingCorporateRules: return ArticleReference(46, 2, "b")
            case .codeOfConduct: return ArticleReference(46, 2, "e")
            case .certification: return ArticleReference(46, 2, "f")
            case .explicitConsent, .writtenConsent: return ArticleReference(49, 1, "a")
            case .contractPerformance: return ArticleReference(49, 1, "b")
            }
        }
    }
}
