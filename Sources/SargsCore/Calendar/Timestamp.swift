import Foundation

/// RFC 3339 / ISO 8601 UTC timestamps (`2026-11-23T10:15:00Z`), written with integer arithmetic:
/// exports write tens of thousands of them, and Foundation's formatters cost microseconds each.
public enum Timestamp {
    /// The instant in whole seconds, UTC.
    public static func iso8601(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let day = CivilDate(dayNumber: days)
        let second = seconds - days * 86_400
        return "\(day)T\(pad(second / 3600)):\(pad(second % 3600 / 60)):\(pad(second % 60))Z"
    }

    /// The instant as an RFC 5322 `Date:` header value in UTC, e.g. `Mon, 23 Nov 2026 10:15:00 +0000`.
    public static func rfc5322(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let day = CivilDate(dayNumber: days)
        let second = seconds - days * 86_400
        let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.isoWeekday - 1]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1]
        return
            """
            \(weekday), \(pad(day.day)) \(month) \(day.year) \
            \(pad(second / 3600)):\(pad(second % 3600 / 60)):\(pad(second % 60)) +0000
            """
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
