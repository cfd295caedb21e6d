/// The defaults a legal regime brings, after the policy's overrides are applied.
///
/// Facts marked L in `privacy-reference.md` (for example the Belarusian
/// deadline and the Ukrainian transfer rule) are defaults only: every one of
/// them can be overridden in the policy's `jurisdiction` section.
public struct JurisdictionProfile: Sendable, Hashable {
    public var kind: JurisdictionSettings.ProfileKind
    public var memberState: String?
    public var rights: [Right]
    /// Time to answer a request, counted from the day after receipt.
    public var responseDeadline: ISODuration
    /// The longest extension allowed (GDPR Art. 12(3): two further months); nil when none is allowed.
    public var maximumExtension: ISODuration?
    /// Age of digital consent (GDPR Art. 8); nil where the law sets none.
    public var childConsentAge: Int?
    public var authority: Authority?
    /// Countries data may flow to without a transfer safeguard.
    public var freeTransferCountries: Set<String>
    /// Shorter terms the law sets for some requests, in working days (see `deadline(for:)`).
    public var workingDayDeadlines: [RequestType: Int] = [:]
    /// The controller's time zone, in which request days and business-day clocks are counted.
    public var localTime: LocalTime = .utc

    /// The profile for the policy's settings, with its overrides applied.
    public static func resolve(_ settings: JurisdictionSettings) -> JurisdictionProfile {
        var profile = defaults(for: settings.profile, memberState: settings.memberState)
        if let value = settings.responseDeadline.flatMap({ try? ISODuration(parsing: $0) }) {
            profile.responseDeadline = value
        }
        if let value = settings.maximumExtension.flatMap({ try? ISODuration(parsing: $0) }) {
            profile.maximumExtension = value.isZero ? nil : value
        }
        if let value = settings.childConsentAge { profile.childConsentAge = value }
        if let value = settings.rights { profile.rights = value }
        if let value = settings.freeTransferCountries { profile.freeTransferCountries = Set(value) }
        profile.workingDayDeadlines = defaultWorkingDayDeadlines(for: settings.profile)
        let zone =
            settings.timeZone ?? LocalTime.defaultIdentifier(for: settings.profile, memberState: settings.memberState)
        profile.localTime = LocalTime(identifier: zone) ?? .utc
        return profile
    }

    /// The unmodified defaults of a regime.
    public static func defaults(for kind: JurisdictionSettings.ProfileKind, memberState: String?) -> JurisdictionProfile
    {
        switch kind {
        case .euGDPR:
            return JurisdictionProfile(
                kind: kind, memberState: memberState,
                rights: [
                    .access, .rectification, .erasure, .restriction, .objection, .portability,
                    .withdrawConsent, .automatedDecision, .recipientsInformation, .complaint,
                ],
                responseDeadline: ISODuration(months: 1),  // Art. 12(3)
                maximumExtension: ISODuration(months: 2),  // Art. 12(3)
                childConsentAge: memberState.flatMap { childConsentAgeByMemberState[$0] } ?? 16,  // Art. 8(1)
                authority: memberState.flatMap { SupervisoryAuthorities.byMemberState[$0] },
                freeTransferCountries: Countries.europeanEconomicArea)
        case .ukraine:
            return JurisdictionProfile(
                kind: kind, memberState: nil,
                rights: [
                    .access, .recipientsInformation, .rectification, .erasure, .restriction, .objection,
                    .withdrawConsent, .automatedDecision, .complaint,
                ],
                responseDeadline: ISODuration(days: 30),  // Law 2297-VI Art. 8(2)(4)
                maximumExtension: nil,  // Art. 17(1): no deferral of the subject's own access
                childConsentAge: nil,
                authority: SupervisoryAuthorities.ukraine,
                freeTransferCountries: Countries.europeanEconomicArea.union(["UA"]))  // Art. 29 (L)
        case .belarus:
            return JurisdictionProfile(
                kind: kind, memberState: nil,
                rights: [.access, .recipientsInformation, .rectification, .erasure, .withdrawConsent, .complaint],
                responseDeadline: ISODuration(days: 15),  // Law 99-Z Arts. 10-14 (L)
                maximumExtension: nil,
                childConsentAge: 16,  // Law 99-Z (L)
                authority: SupervisoryAuthorities.belarus,
                freeTransferCountries: ["BY"])
        }
    }

    /// Member-state ages of digital consent (GDPR Art. 8(1); privacy-reference.md §1.4).
    public static let childConsentAgeByMemberState: [String: Int] = ["LV": 13, "LT": 14, "EE": 13]

    /// The last day to answer a request received on `receipt`, before any extension.
    public func dueDate(receivedOn receipt: CivilDate) -> CivilDate {
        LegalPeriod.lastDay(after: receipt, duration: responseDeadline)
    }

    /// The latest possible due date with the longest extension; nil when no extension is allowed.
    /// The whole period is counted from receipt (Art. 12(3): one month "extended by two further
    /// months" is three months from receipt), so a month-end clamp never shortens it.
    public func extendedDueDate(receivedOn receipt: CivilDate) -> CivilDate? {
        guard let maximumExtension else { return nil }
        return LegalPeriod.lastDay(after: receipt, duration: responseDeadline + maximumExtension)
    }
}
