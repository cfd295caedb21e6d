/// The answer to "may this system use this person's data for this purpose now?".
public struct Decision: Sendable, Hashable, Codable {
    public var allowed: Bool
    /// The legal basis the use rests on (also reported on denials, for the record).
    public var legalBasis: LegalBasis
    public var reason: Reason
    /// The categories released for this use: the purpose's categories, narrowed to those asked for.
    public var categories: [String]

    /// Why a use is allowed or denied. Stable codes for APIs and audit entries.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case consentGiven = "consent_given"
        case consentMissing = "consent_missing"
        case consentWithdrawn = "consent_withdrawn"
        /// The consent was given longer ago than its rule's maximum period (e.g. analytics, 26 months).
        case consentExpired = "consent_expired"
        /// Given under an earlier policy version whose scope for the purpose was narrower.
        case consentOutdated = "consent_outdated"
        case contractActive = "contract_active"
        case noActiveContract = "no_active_contract"
        case legitimateInterest = "legitimate_interest"
        case objection = "objection"
        case directMarketingObjection = "direct_marketing_objection"
        case legalObligation = "legal_obligation"
        case vitalInterests = "vital_interests"
        case publicTask = "public_task"
        case restricted = "restricted"
        case restrictedLegalClaims = "restricted_legal_claims"
        case underMinimumAge = "under_minimum_age"
        case erased = "erased"
        /// Retention archived every value the purpose would use: it is kept only for other purposes.
        case archived = "archived"
        case categoriesOutsidePurpose = "categories_outside_purpose"
    }
}

/// A request that cannot be decided because it names something the policy does not declare.
/// This is an error of the caller, not a denial (an unknown purpose must never read as "no").
public enum DecisionError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownPurpose(String)
    case channelNotOfPurpose(purpose: String, channel: ContactChannel)
    case unknownCategory(String)

    public var description: String {
        switch self {
        case .unknownPurpose(let id): return "purpose '\(id)' is not declared in the policy"
        case .channelNotOfPurpose(let purpose, let channel):
            return "purpose '\(purpose)' does not use the channel '\(channel.rawValue)'"
        case .unknownCategory(let key): return "data category '\(key)' is not declared in the policy"
        }
    }
}
