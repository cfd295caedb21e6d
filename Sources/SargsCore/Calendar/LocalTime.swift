import Foundation

/// The controller's local time: the days of a request and of a breach's business-day clock are the
/// days of the controller's calendar (Riga, Vilnius, Tallinn, Kyiv, Minsk), not of UTC. A request
/// that reaches a Latvian company at 00:30 on 2 January in Riga was received on 2 January, although
/// UTC still says 1 January.
public struct LocalTime: Sendable, Hashable {
    /// The IANA time zone, e.g. `Europe/Riga`.
    public let identifier: String

    /// The time zone named `identifier`; nil when the system knows no such zone.
    public init?(identifier: String) {
        guard TimeZone(identifier: identifier) != nil else { return nil }
        self.identifier = identifier
    }

    /// UTC, for tests and for a policy that asks for it.
    public static let utc = LocalTime(validated: "UTC")

    private init(validated identifier: String) { self.identifier = identifier }

    private var zone: TimeZone { TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)! }

    /// The calendar day `instant` falls on in this zone.
    public func civilDate(_ instant: Date) -> CivilDate {
        let offset = Double(zone.secondsFromGMT(for: instant))
        return CivilDate(dayNumber: Int(((instant.timeIntervalSince1970 + offset) / 86_400).rounded(.down)))
    }

    /// The instant `day` begins in this zone (midnight local time).
    public func startOfDay(_ day: CivilDate) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400)
        // The offset at local midnight: read it at the UTC guess, then once more at the corrected instant (DST).
        var instant = utcMidnight.addingTimeInterval(-Double(zone.secondsFromGMT(for: utcMidnight)))
        instant = utcMidnight.addingTimeInterval(-Double(zone.secondsFromGMT(for: instant)))
        return instant
    }

    /// The zone of the controller's country when the policy names none: the member state's capital
    /// under the GDPR (UTC for a state without an entry here), Kyiv under the Ukrainian law, Minsk
    /// under the Belarusian.
    public static func defaultIdentifier(for kind: JurisdictionSettings.ProfileKind, memberState: String?) -> String {
        switch kind {
        case .ukraine: return kyiv
        case .belarus: return "Europe/Minsk"
        case .euGDPR: return memberState.flatMap { memberStateZones[$0] } ?? "UTC"
        }
    }

    /// Kyiv's zone under its current name, or the older one where the system's tz data predates 2022.
    static let kyiv = TimeZone(identifier: "Europe/Kyiv") != nil ? "Europe/Kyiv" : "Europe/Kiev"

    /// The capitals' zones of the EU and EEA states.
    static let memberStateZones: [String: String] = [
        "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "HR": "Europe/Zagreb",
        "CY": "Asia/Nicosia",
        "CZ": "Europe/Prague", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn", "FI": "Europe/Helsinki",
        "FR": "Europe/Paris",
        "DE": "Europe/Berlin", "GR": "Europe/Athens", "HU": "Europe/Budapest", "IE": "Europe/Dublin",
        "IT": "Europe/Rome",
        "LV": "Europe/Riga", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "MT": "Europe/Malta",
        "NL": "Europe/Amsterdam",
        "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "SK": "Europe/Bratislava",
        "SI": "Europe/Ljubljana",
        "ES": "Europe/Madrid", "SE": "Europe/Stockholm", "IS": "Atlantic/Reykjavik", "LI": "Europe/Vaduz",
        "NO": "Europe/Oslo",
    ]
}
