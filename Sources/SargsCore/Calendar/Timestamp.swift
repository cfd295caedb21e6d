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

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
