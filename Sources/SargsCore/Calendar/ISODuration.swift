/// An ISO 8601 duration such as `P3Y`, `P1M`, `P2Y6M`, `P30D` or `PT30M`.
public struct ISODuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public var years = 0, months = 0, weeks = 0, days = 0
    public var hours = 0, minutes = 0, seconds = 0

    public init(
        years: Int = 0, months: Int = 0, weeks: Int = 0, days: Int = 0,
        hours: Int = 0, minutes: Int = 0, seconds: Int = 0
    ) {
        self.years = years; self.months = months; self.weeks = weeks; self.days = days
        self.hours = hours; self.minutes = minutes; self.seconds = seconds
    }

    /// Why a duration could not be parsed.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case missingPrefix
        case empty
        case badComponent(String)

        public var description: String {
            switch self {
            case .missingPrefix: return "an ISO 8601 duration starts with 'P'"
            case .empty: return "the duration has no components"
            case .badComponent(let text): return "'\(text)' is not a valid duration component"
            }
        }
    }

    /// Parses the ISO 8601 format `PnYnMnWnDTnHnMnS` (whole numbers only).
    public init(parsing text: String) throws(ParseError) {
        var rest = Substring(text.uppercased())
        guard rest.first == "P" else { throw .missingPrefix }
        rest = rest.dropFirst()
        var inTime = false
        var number = ""
        var sawComponent = false
        var sawTimeComponent = false
        for character in rest {
            if character == "T" {
                guard !inTime, number.isEmpty else { throw .badComponent(text) }
                inTime = true
                continue
            }
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { throw .badComponent(text) }
            number = ""
            sawComponent = true
            sawTimeComponent = sawTimeComponent || inTime
            switch (character, inTime) {
            case ("Y", false): years = value
            case ("M", false): months = value
            case ("W", false): weeks = value
            case ("D", false): days = value
            case ("H", true): hours = value
            case ("M", true): minutes = value
            case ("S", true): seconds = value
            default: throw .badComponent(text)
            }
        }
        guard number.isEmpty, !inTime || sawTimeComponent else { throw .badComponent(text) }
        guard sawComponent else { throw .empty }
    }

    public var isZero: Bool { self == ISODuration() }

    /// The component-wise sum, e.g. P1M + P2M = P3M.
    public static func + (lhs: ISODuration, rhs: ISODuration) -> ISODuration {
        ISODuration(
            years: lhs.years + rhs.years, months: lhs.months + rhs.months, weeks: lhs.weeks + rhs.weeks,
            days: lhs.days + rhs.days, hours: lhs.hours + rhs.hours, minutes: lhs.minutes + rhs.minutes,
            seconds: lhs.seconds + rhs.seconds)
    }

    public var description: String {
        var text = "P"
        if years > 0 { text += "\(years)Y" }
        if months > 0 { text += "\(months)M" }
        if weeks > 0 { text += "\(weeks)W" }
        if days > 0 { text += "\(days)D" }
        if hours + minutes + seconds > 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if seconds > 0 { text += "\(seconds)S" }
        }
        return text == "P" ? "P0D" : text
    }
}
