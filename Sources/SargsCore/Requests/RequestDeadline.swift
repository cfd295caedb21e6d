/// How long the controller has to answer one kind of request under its law.
public enum RequestDeadline: Sendable, Hashable {
    /// A calendar period from the day after receipt (GDPR Art. 12(3): one month).
    case period(ISODuration)
    /// Working days of the controller's calendar after the day of receipt (Belarus, Law 99-Z
    /// Art. 11: information about processing within five working days).
    case workingDays(Int)
}

extension JurisdictionProfile {
    /// The deadline for `type`: the law's own where it sets one per right (Belarus), the response
    /// deadline otherwise. A policy's `response_deadline` replaces the calendar periods; it never
    /// lengthens a shorter working-day term the law sets.
    public func deadline(for type: RequestType) -> RequestDeadline {
        if let days = workingDayDeadlines[type] { return .workingDays(days) }
        return .period(responseDeadline)
    }

    /// The shorter working-day terms of a regime, by request type.
    ///
    /// Belarus, Law 99-Z of 7 May 2021 (legal-facts-2026-12-05.md §1.2, confidence M): information
    /// about processing (Art. 11, first part) within five working days; withdrawal of consent
    /// (Art. 10), change of data (Art. 11, second part), information about provision to third
    /// parties (Art. 12) and the demand to stop processing or delete (Art. 13) within fifteen
    /// calendar days, the profile's response deadline.
    static func defaultWorkingDayDeadlines(for kind: JurisdictionSettings.ProfileKind) -> [RequestType: Int] {
        switch kind {
        case .belarus: return [.access: 5, .information: 5]
        case .euGDPR, .ukraine: return [:]
        }
    }
}

extension RequestDeadline {
    /// The deadline in words in `strings`' language: `1 month`, `30 days`, `5 working days`.
    public func words(_ strings: NoticeStrings) -> String {
        switch self {
        case .period(let duration): PeriodWording.duration(duration, strings)
        case .workingDays(let days): strings.text("deadline.working_days", ["value": String(days)])
        }
    }
}
