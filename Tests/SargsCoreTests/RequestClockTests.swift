import Foundation
import Testing
@testable import SargsCore

/// The legal clocks of data-subject requests, each test naming its provision.
@Suite("Request deadlines")
struct RequestClockTests {
    func clock(_ jurisdiction: String, requests: String = "") throws -> RequestClock {
        var replacements = [("jurisdiction: {profile: eu-gdpr, member_state: LV}", jurisdiction)]
        if !requests.isEmpty {
            replacements.append(("rules: {minimum_age: 16}", "rules: {minimum_age: 16, requests: {\(requests)}}"))
        }
        var text = try TestFiles.read("Tests/SargsCoreTests/Fixtures/decisions.yaml")
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        let outcome = PolicyChecker.check(yaml: text, file: "clock.yaml")
        guard let policy = outcome.policy, outcome.isValid else {
            throw TestFailure(outcome.diagnostics.map(\.formatted).joined())
        }
        return RequestClock(policy: policy)
    }

    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    @Test("GDPR Art. 12(3) with Reg. 1182/71 Art. 3: one month from receipt, 31 January → 28/29 February")
    func oneMonthAcrossMonthEnds() throws {
        let gdpr = try clock("jurisdiction: {profile: eu-gdpr, member_state: LV}")
        #expect(gdpr.dueDate(for: .access, receivedOn: date("2027-01-31")) == date("2027-02-28"))
        #expect(gdpr.dueDate(for: .access, receivedOn: date("2028-01-31")) == date("2028-02-29"))
        #expect(gdpr.dueDate(for: .access, receivedOn: date("2026-03-15")) == date("2026-04-15"))
        #expect(gdpr.dueDate(for: .access, receivedOn: date("2026-12-31")) == date("2027-01-31"))
    }

    @Test("GDPR Art. 12(3): extension by two further months at most, counted from receipt")
    func extensionLimit() throws {
        let gdpr = try clock("jurisdiction: {profile: eu-gdpr, member_state: LV}")
        let receipt = date("2027-01-31")
        #expect(gdpr.latestDueDate(for: .access, receivedOn: receipt) == date("2027-04-30"))
        let extended = try gdpr.extendedDueDate(
            for: .access, receivedOn: receipt, by: ISODuration(months: 2), reasons: "Many requests",
            decidedOn: date("2027-02-10"))
        #expect(extended == date("2027-04-30"))
        #expect(throws: RequestError.extensionTooLong(latest: date("2027-04-30"))) {
            try gdpr.extendedDueDate(
                for: .access, receivedOn: receipt, by: ISODuration(months: 3), reasons: "x",
                decidedOn: date("2027-02-10"))
        }
    }

    @Test("GDPR Art. 12(3): an extension past the first month is refused; reasons are required")
    func extensionWithinFirstMonthOnly() throws {
        let gdpr = try clock("jurisdiction: {profile: eu-gdpr, member_state: LV}")
        let receipt = date("2026-03-15")
        #expect(throws: RequestError.extensionTooLate(due: date("2026-04-15"))) {
            try gdpr.extendedDueDate(
                for: .access, receivedOn: receipt, by: ISODuration(months: 1), reasons: "Complex",
                decidedOn: date("2026-04-16"))
        }
        #expect(
            try gdpr.extendedDueDate(
                for: .access, receivedOn: receipt, by: ISODuration(months: 1), reasons: "Complex",
                decidedOn: date("2026-04-15")) == date("2026-05-15"))
        #expect(throws: RequestError.extensionWithoutReasons) {
            try gdpr.extendedDueDate(
                for: .access, receivedOn: receipt, by: ISODuration(months: 1), reasons: "  ",
                decidedOn: date("2026-03-20"))
        }
    }

    @Test("Ukraine Law 2297-VI Art. 8(2)(4): 30 calendar days; Art. 17(1): no deferral")
    func ukraine() throws {
        let ua = try clock("jurisdiction: {profile: ua}")
        #expect(ua.dueDate(for: .access, receivedOn: date("2027-01-31")) == date("2027-03-02"))
        #expect(ua.latestDueDate(for: .access, receivedOn: date("2027-01-31")) == nil)
        #expect(throws: RequestError.extensionNotAllowed(.ukraine)) {
            try ua.extendedDueDate(
                for: .access, receivedOn: date("2027-01-31"), by: ISODuration(days: 15), reasons: "x",
                decidedOn: date("2027-02-01"))
        }
    }

    @Test("Policy override of the deadline (jurisdiction.response_deadline) wins over the profile")
    func override() throws {
        let custom = try clock("jurisdiction: {profile: eu-gdpr, member_state: LV, response_deadline: P14D}")
        #expect(custom.dueDate(for: .access, receivedOn: date("2026-05-01")) == date("2026-05-15"))
    }

    @Test("Clock pause while unverified is the policy's choice (privacy-reference §1.1, L)")
    func pause() throws {
        let running = try clock("jurisdiction: {profile: eu-gdpr, member_state: LV}")
        #expect(running.pausedDays(awaitingSince: date("2026-05-01"), verifiedOn: date("2026-05-04")) == 0)
        let paused = try clock(
            "jurisdiction: {profile: eu-gdpr, member_state: LV}", requests: "pause_while_unverified: true")
        let days = paused.pausedDays(awaitingSince: date("2026-05-01"), verifiedOn: date("2026-05-04"))
        #expect(days == 3)
        #expect(paused.dueDate(for: .access, receivedOn: date("2026-05-01"), pausedDays: days) == date("2026-06-04"))
    }

    @Test("Invalid requests are rejected with reasons within the policy's business days (Coral Travel LT/EE: 5)")
    func invalidRequestNotice() throws {
        let lithuania = try clock(
            "jurisdiction: {profile: eu-gdpr, member_state: LT}", requests: "invalid_request_notice_business_days: 5")
        // Received Friday 2026-11-20: Mon 23 … Fri 27.
        #expect(lithuania.invalidRequestNoticeDue(for: .access, receivedOn: date("2026-11-20")) == date("2026-11-27"))
        let plain = try clock("jurisdiction: {profile: eu-gdpr, member_state: LV}")
        #expect(plain.invalidRequestNoticeDue(for: .access, receivedOn: date("2026-11-20")) == date("2026-12-20"))
    }

    @Test("A request is overdue from the day after its due date")
    func overdue() {
        #expect(!RequestClock.isOverdue(due: date("2026-04-15"), today: date("2026-04-15")))
        #expect(RequestClock.isOverdue(due: date("2026-04-15"), today: date("2026-04-16")))
    }
}

@Suite("Request lifecycle")
struct RequestLifecycleTests {
    @Test("Art. 12(6): a request does not proceed unverified")
    func noApprovalUnverified() {
        #expect(throws: RequestError.notAllowed(action: .approve, status: .received)) {
            try RequestLifecycle.apply(.approve, to: .received)
        }
        #expect(throws: RequestError.notAllowed(action: .approve, status: .awaitingVerification)) {
            try RequestLifecycle.apply(.approve, to: .awaitingVerification)
        }
    }

    @Test("received → awaiting verification → verified → in progress → completed; final states take no action")
    func happyPath() throws {
        var status = RequestStatus.received
        for action in [RequestAction.challenge, .verify, .extend, .approve, .complete] {
            status = try RequestLifecycle.apply(action, to: status)
        }
        #expect(status == .completed)
        #expect(throws: RequestError.notAllowed(action: .reject, status: .completed)) {
            try RequestLifecycle.apply(.reject, to: .completed)
        }
        #expect(try RequestLifecycle.apply(.reject, to: .awaitingVerification) == .rejected)
        #expect(throws: RequestError.notAllowed(action: .complete, status: .verified)) {
            try RequestLifecycle.apply(.complete, to: .verified)
        }
    }
}
