import Testing
@testable import SargsCore

/// Regulation (EEC, Euratom) No 1182/71 Article 3 and GDPR Article 12(3) deadline arithmetic.
@Suite("Legal periods")
struct LegalPeriodTests {
    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    @Test("Reg. 1182/71 Art. 3(2)(c): a month ends on the same date of the next month")
    func monthEndsOnSameDate() {
        #expect(LegalPeriod.lastDay(after: date("2025-01-15"), duration: ISODuration(months: 1)) == date("2025-02-15"))
        #expect(LegalPeriod.lastDay(after: date("2025-11-30"), duration: ISODuration(months: 1)) == date("2025-12-30"))
    }

    @Test(
        "Reg. 1182/71 Art. 3(2)(c): without that date, the period ends on the month's last day (31 Jan → 28/29 Feb)",
        arguments: [
            ("2025-01-31", "2025-02-28"), ("2024-01-31", "2024-02-29"), ("2025-03-31", "2025-04-30"),
            ("2100-01-29", "2100-02-28"), ("2000-01-30", "2000-02-29"),
        ])
    func monthClampsToLastDay(received: String, due: String) {
        #expect(LegalPeriod.lastDay(after: date(received), duration: ISODuration(months: 1)) == date(due))
    }

    @Test("Reg. 1182/71 Art. 3(1): the day of the event is not counted in a period of days")
    func daysStartTheNextDay() {
        #expect(LegalPeriod.lastDay(after: date("2025-01-01"), duration: ISODuration(days: 30)) == date("2025-01-31"))
        #expect(LegalPeriod.lastDay(after: date("2024-12-20"), duration: ISODuration(days: 30)) == date("2025-01-19"))
    }

    @Test("Business days skip weekends and holidays (Coral Travel LT/EE: 5 business days to reject)")
    func businessDays() {
        // Friday 2025-01-03 + 5 business days = Friday 2025-01-10.
        #expect(WorkingCalendar().lastDay(after: date("2025-01-03"), workingDays: 5) == date("2025-01-10"))
        // A day off on Monday 2025-01-06 pushes it to Monday 2025-01-13.
        #expect(
            WorkingCalendar(daysOff: [date("2025-01-06")]).lastDay(after: date("2025-01-03"), workingDays: 5)
                == date("2025-01-13"))
    }

    @Test("GDPR Art. 12(3): one month, extendable by two further months counted from receipt")
    func gdprDeadlineAndExtension() {
        let profile = JurisdictionProfile.defaults(for: .euGDPR, memberState: "LV")
        #expect(profile.dueDate(receivedOn: date("2025-01-31")) == date("2025-02-28"))
        #expect(profile.extendedDueDate(receivedOn: date("2025-01-31")) == date("2025-04-30"))
        #expect(profile.extendedDueDate(receivedOn: date("2025-11-30")) == date("2026-02-28"))
    }

    @Test("Law of Ukraine 2297-VI Art. 8(2)(4): 30 calendar days, Art. 17(1): no deferral")
    func ukrainianDeadline() {
        let profile = JurisdictionProfile.defaults(for: .ukraine, memberState: nil)
        #expect(profile.dueDate(receivedOn: date("2025-01-31")) == date("2025-03-02"))
        #expect(profile.extendedDueDate(receivedOn: date("2025-01-31")) == nil)
    }

    @Test("Day numbers and weekdays round-trip across centuries")
    func dayNumbers() {
        #expect(CivilDate(dayNumber: 0) == date("1970-01-01"))
        #expect(date("1970-01-01").isoWeekday == 4)
        #expect(date("2026-11-22").isoWeekday == 7)
        for number in stride(from: -800_000, through: 800_000, by: 9_973) {
            #expect(CivilDate(dayNumber: number).dayNumber == number)
        }
    }

    @Test("Impossible dates are rejected")
    func impossibleDates() {
        #expect(CivilDate(iso: "2025-02-29") == nil)
        #expect(CivilDate(iso: "2025-13-01") == nil)
        #expect(CivilDate(iso: "25-01-01") == nil)
        #expect(CivilDate(iso: "2024-02-29") != nil)
    }
}

@Suite("ISO 8601 durations")
struct ISODurationTests {
    @Test(
        "Valid durations parse",
        arguments: [
            ("P1M", ISODuration(months: 1)), ("P5Y", ISODuration(years: 5)),
            ("P2Y6M", ISODuration(years: 2, months: 6)),
            ("P30D", ISODuration(days: 30)), ("P2W", ISODuration(weeks: 2)), ("PT30M", ISODuration(minutes: 30)),
            ("P1DT12H", ISODuration(days: 1, hours: 12)), ("p1y", ISODuration(years: 1)),
        ])
    func parses(text: String, expected: ISODuration) throws {
        #expect(try ISODuration(parsing: text) == expected)
    }

    @Test(
        "Invalid durations are rejected",
        arguments: ["1Y", "P", "PT", "P1", "P1X", "P1.5Y", "PY", "P1H", "P1YT", " P1Y", ""])
    func rejects(text: String) {
        #expect(throws: ISODuration.ParseError.self) { try ISODuration(parsing: text) }
    }

    @Test("Durations print back in canonical form")
    func prints() throws {
        #expect(try ISODuration(parsing: "P2Y6M").description == "P2Y6M")
        #expect(ISODuration().description == "P0D")
        #expect((ISODuration(months: 1) + ISODuration(months: 2)).description == "P3M")
    }
}
