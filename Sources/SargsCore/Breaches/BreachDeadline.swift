import Foundation

/// How long a controller has to notify the supervisory authority of a personal-data breach once
/// it became aware of it.
public enum BreachDeadline: Sendable, Hashable {
    /// A number of hours (GDPR Art. 33(1): 72).
    case hours(Int)
    /// A number of business days (Monday to Friday) after the day of awareness, to the end of the
    /// last one, both in the controller's local time.
    case businessDays(Int)

    /// The moment notification is due for a breach the controller became aware of at `discovered`;
    /// business days skip the days off of `calendar`.
    public func due(
        discoveredAt discovered: Date, calendar: WorkingCalendar = WorkingCalendar(), localTime: LocalTime = .utc
    ) -> Date {
        switch self {
        case .hours(let hours):
            return discovered.addingTimeInterval(Double(hours) * 3_600)
        case .businessDays(let days):
            let last = calendar.lastDay(after: localTime.civilDate(discovered), workingDays: days)
            return localTime.startOfDay(last.adding(days: 1))
        }
    }

    /// The rule in plain words for documents and problems ("72 hours", "3 business days").
    public var description: String {
        switch self {
        case .hours(let hours): return "\(hours) hours"
        case .businessDays(let days): return "\(days) business days"
        }
    }
}

extension JurisdictionProfile {
    /// The authority-notification deadline of the regime: GDPR Art. 33(1) 72 hours; Belarus, Law
    /// 99-Z, three working days (L: configurable); Ukraine's Law 2297-VI sets no general duty
    /// (a pending reform would; privacy-reference.md §2.2), so none unless the policy sets one
    /// (`jurisdiction.breach_notice_hours`).
    public static func breachDeadline(for settings: JurisdictionSettings) -> BreachDeadline? {
        if let hours = settings.breachNoticeHours { return hours > 0 ? .hours(hours) : nil }
        switch settings.profile {
        case .euGDPR: return .hours(72)
        case .belarus: return .businessDays(3)
        case .ukraine: return nil
        }
    }
}
