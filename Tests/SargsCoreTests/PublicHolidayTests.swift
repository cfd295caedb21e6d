import Foundation
import Testing
@testable import SargsCore

/// Business days skip each country's statutory days off (privacy-reference.md §8), named dates 2026–2028.
@Suite("Public holidays")
struct PublicHolidayTests {
    func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    @Test("Easter: Western 5 April 2026, Orthodox 12 April 2026; both 20 April 2025")
    func easter() {
        #expect(
            PublicHolidays.westernEaster(2026) == date("2026-04-05")
                && PublicHolidays.orthodoxEaster(2026) == date("2026-04-12"))
        #expect(
            PublicHolidays.westernEaster(2025) == date("2025-04-20")
                && PublicHolidays.orthodoxEaster(2025) == date("2025-04-20"))
        #expect(
            PublicHolidays.westernEaster(2027) == date("2027-03-28")
                && PublicHolidays.westernEaster(2028) == date("2028-04-16"))
    }

    @Test("Latvia: Good Friday and Easter Monday 2026; 18 November 2028, a Saturday, moves to Monday 20 November")
    func latvia() {
        let calendar = WorkingCalendar.of("LV", years: 2026...2028)
        #expect(!calendar.isWorkingDay(date("2026-04-03")) && !calendar.isWorkingDay(date("2026-04-06")))
        #expect(!calendar.isWorkingDay(date("2028-11-20")) && calendar.isWorkingDay(date("2028-11-21")))
        #expect(!calendar.isWorkingDay(date("2027-06-23")) && !calendar.isWorkingDay(date("2027-12-31")))
    }

    @Test(
        """
        Lithuania (Labour Code Art. 123): 5 business days from Friday 12 \
        February 2027 skip Tuesday 16 February, ending Monday 22 February
        """
    )
    func lithuania() {
        let calendar = WorkingCalendar.of("LT", years: 2026...2028)
        #expect(calendar.lastDay(after: date("2027-02-12"), workingDays: 5) == date("2027-02-22"))
        #expect(!calendar.isWorkingDay(date("2027-03-11")) && !calendar.isWorkingDay(date("2027-07-06")))
    }

    @Test("Estonia: Pentecost 2027 (16 May) and Victory Day 23 June are days off; 24 February 2026 too")
    func estonia() {
        let calendar = WorkingCalendar.of("EE", years: 2026...2028)
        #expect(
            calendar.daysOff.contains(date("2027-05-16")) && !calendar.isWorkingDay(date("2027-06-23"))
                && !calendar.isWorkingDay(date("2026-02-24")))
    }

    @Test(
        """
        Belarus (Decree No. 157): Radunitsa 21 April 2026; 20 \
        April 2026 off and Saturday 25 April worked (Resolution No. 397)
        """
    )
    func belarus() {
        let calendar = WorkingCalendar.of("BY", years: 2026...2026)
        #expect(
            !calendar.isWorkingDay(date("2026-04-20")) && !calendar.isWorkingDay(date("2026-04-21"))
                && calendar.isWorkingDay(date("2026-04-25")))
        // A breach discovered on Friday 17 April 2026: three working days are 22, 23 and 24 April.
        let due = BreachDeadline.businessDays(3).due(
            discoveredAt: Date(timeIntervalSince1970: Double(date("2026-04-17").dayNumber) * 86_400 + 36_000),
            calendar: calendar)
        #expect(DecisionEngine.civilDate(due) == date("2026-04-25"))
    }

    @Test("Ukraine: under martial law (Law 2136-IX Art. 6(6)) holidays are working days; in peacetime 24 August is off")
    func ukraine() {
        #expect(WorkingCalendar.of("UA", years: 2026...2026).daysOff.isEmpty)
        #expect(WorkingCalendar.of("UA", years: 2026...2026, martialLaw: false).daysOff.contains(date("2026-08-24")))
    }

    @Test("The policy's closure days count as days off for its own country")
    func closures() throws {
        var policy = try TestFiles.validPolicy("examples/coral-travel/lithuania.yaml")
        policy.rules.closureDays = ["2027-02-15"]
        let calendar = policy.workingCalendar(around: 2027)
        #expect(calendar.lastDay(after: date("2027-02-12"), workingDays: 5) == date("2027-02-23"))
    }
}
