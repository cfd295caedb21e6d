/// Writes periods such as "2 years and 6 months" with the plural forms each language needs.
public enum PeriodWording {
    /// CLDR-style plural categories used by the notice languages.
    public enum PluralCategory: String, Sendable {
        case one, few, many, other
    }

    /// The plural category of a whole number in `language` (CLDR rules for the six notice languages).
    public static func category(_ n: Int, language: String) -> PluralCategory {
        let mod10 = n % 10, mod100 = n % 100
        switch language {
        case "lv":
            return mod10 == 1 && mod100 != 11 ? .one : .other
        case "lt":
            if mod10 == 1 && !(11...19).contains(mod100) { return .one }
            if (2...9).contains(mod10) && !(11...19).contains(mod100) { return .few }
            return .many
        case "uk", "ru":
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        default:
            return n == 1 ? .one : .other
        }
    }

    /// `count` followed by the unit in the right form, e.g. `5 gadi`, `21 день`.
    public static func count(_ count: Int, unit: String, _ strings: NoticeStrings) -> String {
        let form = category(count, language: strings.language).rawValue
        return "\(count) \(strings.text("unit.\(unit).\(form)"))"
    }

    /// A whole duration, e.g. `2 years and 6 months`.
    public static func duration(_ duration: ISODuration, _ strings: NoticeStrings) -> String {
        let parts: [(Int, String)] = [
            (duration.years, "year"), (duration.months, "month"), (duration.weeks, "week"), (duration.days, "day"),
            (duration.hours, "hour"), (duration.minutes, "minute"), (duration.seconds, "second"),
        ]
        let words = parts.filter { $0.0 > 0 }.map { count($0.0, unit: $0.1, strings) }
        switch words.count {
        case 0: return count(0, unit: "day", strings)
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " \(strings.text("and")) " + words.last!
        }
    }
}
