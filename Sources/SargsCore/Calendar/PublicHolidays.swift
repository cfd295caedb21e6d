/// The days off by law that business-day periods skip (a request refused within "5 business
/// days", a breach notified within "three working days"), per country: privacy-reference.md §8.
/// Latvia, Lithuania and Estonia count Western Easter; Ukraine and Belarus Orthodox Easter.
/// One-off days (a Latvian festival day, a Saeima amendment) come from the policy's
/// `rules.closure_days`.
public struct WorkingCalendar: Sendable, Hashable {
    /// Days off besides Saturdays and Sundays.
    public var daysOff: Set<CivilDate>
    /// Saturdays or Sundays worked instead of a bridging day off (Belarus's yearly transfers).
    public var workedWeekendDays: Set<CivilDate>

    public init(daysOff: Set<CivilDate> = [], workedWeekendDays: Set<CivilDate> = []) {
        self.daysOff = daysOff
        self.workedWeekendDays = workedWeekendDays
    }

    /// Whether `day` is a working day.
    public func isWorkingDay(_ day: CivilDate) -> Bool {
        if workedWeekendDays.contains(day) { return true }
        return !day.isWeekend && !daysOff.contains(day)
    }

    /// The last day of a period of `count` working days starting the day after `event`.
    public func lastDay(after event: CivilDate, workingDays count: Int) -> CivilDate {
        var date = event
        var remaining = count
        while remaining > 0 {
            date = date.adding(days: 1)
            if isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// The calendar of `country` (ISO 3166-1 alpha-2) for the years `years`, with `closures` added.
    /// A country without a calendar here has only weekends off (and the closures).
    /// - Parameter martialLaw: Ukraine under martial law (Law 2136-IX Art. 6(6)): holidays are
    ///   ordinary working days. True while martial law lasts; set false when it ends.
    public static func of(
        _ country: String, years: ClosedRange<Int>, closures: Set<CivilDate> = [],
        martialLaw: Bool = true
    ) -> WorkingCalendar {
        var calendar = WorkingCalendar(daysOff: closures)
        for year in years {
            let (off, worked) = PublicHolidays.days(country, year: year, martialLaw: martialLaw)
            calendar.daysOff.formUnion(off)
            calendar.workedWeekendDays.formUnion(worked)
        }
        return calendar
    }
}

/// The statutory days off of the countries Sargs' seeds come from.
public enum PublicHolidays {
    /// Gregorian Easter Sunday (the Meeus/Jones/Butcher algorithm).
    public static func westernEaster(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }

    /// Orthodox Easter Sunday as a Gregorian date (Meeus' Julian algorithm plus 13 days, 1900–2099).
    public static func orthodoxEaster(_ year: Int) -> CivilDate {
        let a = year % 4, b = year % 7, c = year % 19
        let d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7
        let month = (d + e + 114) / 31, day = (d + e + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!.adding(days: 13)
    }

    /// The days off and the worked weekend days of `country` in `year`.
    static func days(_ country: String, year: Int, martialLaw: Bool) -> (off: Set<CivilDate>, worked: Set<CivilDate>) {
        func date(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }
        /// The first Sunday of a month.
        func firstSunday(_ month: Int) -> CivilDate {
            var day = date(month, 1)
            while day.isoWeekday != 7 { day = day.adding(days: 1) }
            return day
        }
        /// A day off that falls on a weekend moves to the next working day.
        func movingOffWeekend(_ day: CivilDate) -> CivilDate {
            var moved = day
            while moved.isWeekend { moved = moved.adding(days: 1) }
            return moved
        }
        switch country {
        case "LV":
            // Law "On Public Holidays, Remembrance Days and Celebration Days"; 4 May and 18 November move off weekends.
            let easter = westernEaster(year)
            return (
                [
                    date(1, 1), easter.adding(days: -2), easter, easter.adding(days: 1), date(5, 1),
                    movingOffWeekend(date(5, 4)),
                    date(6, 23), date(6, 24), movingOffWeekend(date(11, 18)), date(12, 24), date(12, 25), date(12, 26),
                    date(12, 31),
                ], []
            )
        case "LT":
            // Labour Code Art. 123.
            let easter = westernEaster(year)
            return (
                [
                    date(1, 1), date(2, 16), date(3, 11), easter, easter.adding(days: 1), date(5, 1), firstSunday(5),
                    firstSunday(6),
                    date(6, 24), date(7, 6), date(8, 15), date(11, 1), date(11, 2), date(12, 24), date(12, 25),
                    date(12, 26),
                ], []
            )
        case "EE":
            // Public Holidays and Days of National Importance Act.
            let easter = westernEaster(year)
            return (
                [
                    date(1, 1), date(2, 24), easter.adding(days: -2), easter, date(5, 1), easter.adding(days: 49),
                    date(6, 23),
                    date(6, 24), date(8, 20), date(12, 24), date(12, 25), date(12, 26),
                ], []
            )
        case "UA":
            // Labour Code Art. 73 (as amended 2023); under martial law none are days off (Law 2136-IX Art. 6(6)).
            guard !martialLaw else { return ([], []) }
            let easter = orthodoxEaster(year)
            let fixed = [
                date(1, 1), date(3, 8), date(5, 1), date(5, 8), date(6, 28), date(7, 15), date(8, 24), date(10, 1),
                date(12, 25),
            ]
            return (
                Set(fixed.map(movingOffWeekend) + [easter, easter.adding(days: 49)].map { $0.adding(days: 1) }), []
            )
        case "BY":
            // Decree No. 157 (1998, as amended); Radunitsa is Orthodox Easter + 9 days. Transfers set each year by the
            // Council of Ministers.
            let transfers = belarusTransfers[year] ?? []
            return (
                Set(
                    [
                        date(1, 1), date(1, 2), date(1, 7), date(3, 8), orthodoxEaster(year).adding(days: 9),
                        date(5, 1), date(5, 9),
                        date(7, 3), date(11, 7), date(12, 25),
                    ] + transfers.map(\.off)), Set(transfers.map(\.worked))
            )
        default:
            return ([], [])
        }
    }

    /// Belarus's bridging days: a day off and the weekend day worked for it (Resolution No. 397 of 22 July 2025 for
    /// 2026).
    static let belarusTransfers: [Int: [(off: CivilDate, worked: CivilDate)]] = [
        2026: [(CivilDate(year: 2026, month: 4, day: 20)!, CivilDate(year: 2026, month: 4, day: 25)!)]
    ]
}

extension Policy {
    /// The country whose days off count for the controller: the member state under the GDPR,
    /// Ukraine or Belarus under their laws.
    public var calendarCountry: String? {
        switch jurisdiction.profile {
        case .euGDPR: return jurisdiction.memberState
        case .ukraine: return "UA"
        case .belarus: return "BY"
        }
    }

    /// The working calendar of the controller's country for the years around `year` (a period may
    /// cross New Year), with the policy's `rules.closure_days`.
    public func workingCalendar(around year: Int) -> WorkingCalendar {
        let closures = Set((rules.closureDays ?? []).compactMap(CivilDate.init(iso:)))
        guard let country = calendarCountry else { return WorkingCalendar(daysOff: closures) }
        return WorkingCalendar.of(country, years: (year - 1)...(year + 1), closures: closures)
    }
}
