import Foundation

/// Decides whether a purpose may use a subject's data now. Pure: the policy, the subject's
/// state and the time are parameters, so every legal rule is a fast unit test.
public struct DecisionEngine: Sendable {
    public let policy: Policy
    let index: PolicyIndex
    let knownCategories: Set<String>
    /// Below this age consent purposes are denied: the higher of the policy's minimum age and
    /// the age of digital consent (GDPR Art. 8(1)).
    public let consentAge: Int?
    /// Per purpose, the policy versions whose consents no longer cover it (`ConsentScope`).
    public let outdatedConsent: [String: Set<String>]

    /// - Parameter outdatedConsent: from `ConsentScope.outdatedVersions` over the published versions.
    public init(policy: Policy, outdatedConsent: [String: Set<String>] = [:]) {
        self.policy = policy
        self.outdatedConsent = outdatedConsent
        self.index = PolicyIndex(policy)
        self.knownCategories = Set(policy.dataCategories.map(\.key))
        let profile = JurisdictionProfile.resolve(policy.jurisdiction)
        self.consentAge = [policy.rules.minimumAge, profile.childConsentAge].compactMap { $0 }.max()
    }

    /// Decides one use.
    /// - Parameters:
    ///   - purposeID: the purpose the caller wants to use the data for.
    ///   - channel: the contact channel, for purposes that contact people.
    ///   - categories: the categories wanted; nil for all the purpose may use.
    public func decide(
        _ subject: SubjectState, purpose purposeID: String, channel: ContactChannel? = nil,
        categories requested: [String]? = nil, at now: Date
    ) throws(DecisionError) -> Decision {
        guard let purpose = index.purposes[purposeID] else { throw .unknownPurpose(purposeID) }
        if let channel, !purpose.channels.contains(channel) {
            throw .channelNotOfPurpose(purpose: purposeID, channel: channel)
        }
        var released = purpose.categories
        if let requested {
            for key in requested where !knownCategories.contains(key) { throw .unknownCategory(key) }
            let allowed = Set(purpose.categories)
            released = requested.filter(allowed.contains)
        }
        func decision(_ allowed: Bool, _ reason: Decision.Reason) -> Decision {
            Decision(
                allowed: allowed, legalBasis: purpose.legalBasis, reason: reason, categories: allowed ? released : [])
        }

        // Erased subjects are denied everything.
        if subject.status == .erased { return decision(false, .erased) }
        // Purpose limitation (Art. 5(1)(b)): nothing outside the purpose is released.
        if released.isEmpty { return decision(false, .categoriesOutsidePurpose) }
        // Archived values are read only for the purposes that still keep them (Art. 5(1)(e)); when
        // everything the purpose would use is archived for others, the answer is `archived`.
        let archivedForOthers = Set(
            released.filter { category in
                subject.stored[category].map { readers in readers.map { !$0.contains(purposeID) } ?? false } ?? false
            })
        if !archivedForOthers.isEmpty {
            released.removeAll { archivedForOthers.contains($0) }
            // Nothing held is left to use, or the channel's own address is archived (no e-mail to an archived address).
            let channelArchived = channel.flatMap(ContactValue.category(of:)).map(archivedForOthers.contains) ?? false
            if channelArchived || !released.contains(where: { subject.stored[$0] != nil }) {
                return decision(false, .archived)
            }
        }

        let consent = consentState(subject, purpose: purposeID, channel: channel, at: now)

        // Restriction (Art. 18(2)): only storage, legal claims, or processing with consent given
        // after the restriction began.
        if let restriction = subject.restrictions.first(where: {
            $0.isActive(at: now) && ($0.purpose == nil || $0.purpose == purposeID)
        }) {
            if purpose.legalClaims { return decision(true, .restrictedLegalClaims) }
            guard purpose.legalBasis == .consent, consent.given, let givenAt = consent.at, givenAt >= restriction.since
            else {
                return decision(false, .restricted)
            }
        }

        // Below the age of digital consent only a consent given by a holder of parental
        // responsibility counts (Art. 8(1)); the child's own does not.
        if purpose.legalBasis == .consent, let consentAge, let birth = subject.birthDate,
            ContactValue.age(bornOn: birth, on: Self.civilDate(now)) < consentAge,
            ConsentLedger.latest(in: subject.consents, purpose: purposeID, channel: channel, at: now)?
                .byParentalAuthority != true
        {
            return decision(false, .underMinimumAge)
        }

        // Objection to direct marketing is absolute, whatever the basis (Art. 21(2)-(3)).
        if purpose.isDirectMarketing,
            subject.objections.contains(where: {
                $0.since <= now && ($0.directMarketing || $0.purpose == purposeID)
            })
        {
            return decision(false, .directMarketingObjection)
        }

        switch purpose.legalBasis {
        case .consent:
            // Withdrawal takes effect at once (Art. 7(3)); a consent older than its rule's maximum
            // period has expired and must be asked for again.
            if consent.given, let givenAt = consent.at,
                let expiry = consentExpiry(purpose: purposeID, givenAt: givenAt), now >= expiry
            {
                return decision(false, .consentExpired)
            }
            // A consent given under a version that described less than this one asks for no longer
            // covers the purpose (Art. 7(1); EDPB Guidelines 05/2020 §110).
            if consent.given, let version = consent.version, outdatedConsent[purposeID]?.contains(version) == true {
                return decision(false, .consentOutdated)
            }
            if consent.given { return decision(true, .consentGiven) }
            return decision(false, consent.at == nil ? .consentMissing : .consentWithdrawn)
        case .contract:
            return subject.relationships.contains { $0.isActive(at: now) }
                ? decision(true, .contractActive) : decision(false, .noActiveContract)
        case .legitimateInterests, .publicTask:
            // Art. 21(1): processing stops on objection. Compelling grounds are the controller's
            // to demonstrate case by case, outside an automated decision.
            // A direct-marketing objection covers marketing only, handled above.
            if subject.objections.contains(where: {
                $0.since <= now && !$0.directMarketing && ($0.purpose == nil || $0.purpose == purposeID)
            }) {
                return decision(false, .objection)
            }
            return decision(true, purpose.legalBasis == .publicTask ? .publicTask : .legitimateInterest)
        case .legalObligation:
            return decision(true, .legalObligation)
        case .vitalInterests:
            return decision(true, .vitalInterests)
        }
    }

    /// The moment a consent to `purpose` given at `givenAt` expires: the start of the day after
    /// the last day of its retention rule's maximum period (`until_consent_withdrawn` with a
    /// `period`); nil when the rule sets no maximum.
    public func consentExpiry(purpose purposeID: String, givenAt: Date) -> Date? {
        guard let purpose = index.purposes[purposeID], purpose.legalBasis == .consent,
            let rule = index.retentionRules[purpose.retention], rule.kind == .untilConsentWithdrawn,
            let period = rule.duration
        else {
            return nil
        }
        let lastDay = LegalPeriod.lastDay(after: Self.civilDate(givenAt), duration: period)
        return Date(timeIntervalSince1970: Double(lastDay.adding(days: 1).dayNumber) * 86_400)
    }

    /// The consent in force for a purpose and channel (`ConsentLedger` rules).
    func consentState(
        _ subject: SubjectState, purpose: String, channel: ContactChannel?,
        at now: Date
    ) -> (given: Bool, at: Date?, version: String?) {
        let latest = ConsentLedger.latest(in: subject.consents, purpose: purpose, channel: channel, at: now)
        return (latest?.state == .given, latest?.at, latest?.policyVersion)
    }

    /// The UTC calendar date of an instant.
    public static func civilDate(_ instant: Date) -> CivilDate {
        CivilDate(dayNumber: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
