import Foundation
import Testing
@testable import SargsCore

/// Deadlines per right under each law, counted in the controller's local time (issue 21 item 2).
@Suite("Deadlines per right, in local time")
struct LocalDeadlineTests {
    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }
    func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test(
        """
        Belarus, Law 99-Z Art. 11: information about processing \
        within 5 working days, skipping 7 January (Orthodox Christmas)
        """
    )
    func belarusAccessWorkingDays() throws {
        let clock = RequestClock(policy: try TestFiles.validPolicy("examples/coral-travel/belarus.yaml"))
        // Received Tuesday 5 January 2027: Wed 6, (Thu 7 off), Fri 8, Mon 11, Tue 12, Wed 13.
        #expect(clock.dueDate(for: .access, receivedOn: date("2027-01-05")) == date("2027-01-13"))
        #expect(clock.dueDate(for: .information, receivedOn: date("2027-01-05")) == date("2027-01-13"))
        // Across New Year: Thu 31 December, (1 and 2 January off, a weekend), Mon 4, Tue 5, Wed 6, (7 off), Fri 8.
        #expect(clock.dueDate(for: .access, receivedOn: date("2026-12-30")) == date("2027-01-08"))
        // No extension of the working-day term.
        #expect(clock.latestDueDate(for: .access, receivedOn: date("2027-01-05")) == nil)
    }

    @Test(
        "Belarus, Law 99-Z Arts. 10, 11, 12, 13: withdrawal, change, third parties and erasure within 15 calendar days")
    func belarusFifteenDays() throws {
        let clock = RequestClock(policy: try TestFiles.validPolicy("examples/coral-travel/belarus.yaml"))
        for type: RequestType in [.withdrawConsent, .rectification, .recipients, .erasure, .objection] {
            #expect(clock.dueDate(for: type, receivedOn: date("2027-01-05")) == date("2027-01-20"), "\(type)")
        }
    }

    @Test("GDPR Art. 12(3) (Latvia) and Ukrainian Law 2297-VI Art. 8(2)(4): one term for every right")
    func oneTermElsewhere() throws {
        let latvia = RequestClock(policy: try TestFiles.validPolicy("examples/coral-travel/latvia.yaml"))
        let ukraine = RequestClock(policy: try TestFiles.validPolicy("examples/coral-travel/ukraine.yaml"))
        for type: RequestType in [.access, .erasure, .rectification] {
            #expect(latvia.dueDate(for: type, receivedOn: date("2027-01-31")) == date("2027-02-28"))
            #expect(ukraine.dueDate(for: type, receivedOn: date("2027-01-31")) == date("2027-03-02"))
        }
    }

    @Test(
        """
        The day of receipt is the controller's: 22:30 UTC on 1 \
        January is 2 January in Riga, Vilnius, Tallinn, Kyiv and Minsk
        """
    )
    func receiptDayIsLocal() throws {
        let late = instant("2027-01-01T22:30:00Z")
        for file in ["latvia", "lithuania", "estonia", "ukraine", "belarus"] {
            let clock = RequestClock(policy: try TestFiles.validPolicy("examples/coral-travel/\(file).yaml"))
            #expect(clock.receiptDay(late) == date("2027-01-02"), "\(file)")
        }
        // Summer time: 21:30 UTC on 30 June is 1 July in Riga (UTC+3) and Minsk (UTC+3 all year).
        #expect(LocalTime(identifier: "Europe/Riga")!.civilDate(instant("2026-06-30T21:30:00Z")) == date("2026-07-01"))
        #expect(LocalTime(identifier: "Europe/Minsk")!.civilDate(instant("2026-06-30T20:30:00Z")) == date("2026-06-30"))
        #expect(LocalTime.utc.civilDate(late) == date("2027-01-01"))
    }

    @Test("A local day starts at local midnight, across the change to summer time (Riga, 29 March 2026)")
    func startOfDay() {
        let riga = LocalTime(identifier: "Europe/Riga")!
        #expect(riga.startOfDay(date("2026-01-15")) == instant("2026-01-14T22:00:00Z"))
        #expect(riga.startOfDay(date("2026-03-30")) == instant("2026-03-29T21:00:00Z"))
    }

    @Test(
        """
        Belarus, Law 99-Z (breach, 3 working days): the clock \
        counts Minsk's days — late Friday UTC is Saturday in Minsk
        """
    )
    func breachClockInLocalTime() throws {
        let minsk = LocalTime(identifier: "Europe/Minsk")!
        let calendar = WorkingCalendar.of("BY", years: 2026...2027, closures: [])
        let discovered = instant("2026-12-04T22:30:00Z")  // Saturday 5 December, 01:30 in Minsk
        // Mon 7, Tue 8, Wed 9: due at the end of Wednesday in Minsk.
        #expect(
            BreachDeadline.businessDays(3).due(discoveredAt: discovered, calendar: calendar, localTime: minsk)
                == instant("2026-12-09T21:00:00Z"))
        // Counted in UTC it would still have been Friday, and due at the end of Wednesday UTC.
        #expect(
            BreachDeadline.businessDays(3).due(discoveredAt: discovered, calendar: calendar)
                == instant("2026-12-10T00:00:00Z"))
    }

    @Test("An unknown time zone in the policy is refused, naming jurisdiction.time_zone")
    func unknownZone() throws {
        let outcome = try TestFiles.variant([
            ("  member_state: LV\n", "  member_state: LV\n  time_zone: Europe/Atlantis\n")
        ])
        #expect(!outcome.isValid)
        #expect(outcome.diagnostics.contains { $0.path == "jurisdiction.time_zone" })
    }
}
