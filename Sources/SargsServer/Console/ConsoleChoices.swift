import Foundation
import SargsCore

/// A data category offered as a checkbox: its key and its label in the staff member's language.
struct ConsoleCategoryChoice: Encodable, Sendable {
    var key: String
    var label: String
    var checked: Bool

    /// Every category of the policy, by label.
    static func all(of policy: Policy, language: String, chosen: Set<String> = []) throws -> [ConsoleCategoryChoice] {
        let labels = try NoticeBuilder(policy: policy, language: language)
        return policy.dataCategories.map(\.key).map {
            ConsoleCategoryChoice(key: $0, label: labels.categoryLabel($0), checked: chosen.contains($0))
        }
        .sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
    }
}

/// Times entered in the console (`<input type="datetime-local">`) are the controller's local
/// time, as the staff member reads a clock; stored as instants.
struct ConsoleLocalTime: Sendable {
    let zone: LocalTime

    init(_ zone: LocalTime) { self.zone = zone }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone.identifier) ?? TimeZone(secondsFromGMT: 0)!
        return calendar
    }

    /// `YYYY-MM-DDTHH:MM` (seconds optional) in the local zone; nil when it is not one.
    func instant(_ text: String) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = CivilDate(iso: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").map { Int($0) }
        guard clock.count >= 2, let hour = clock[0], let minute = clock[1], (0..<24).contains(hour),
            (0..<60).contains(minute)
        else { return nil }
        return calendar.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }

    /// `instant` as the input's value, to the minute.
    func input(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }
}
