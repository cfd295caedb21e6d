import Foundation

/// The legal clock of a data-subject request: pure date arithmetic from the jurisdiction
/// profile and the policy's request rules.
///
/// - GDPR Art. 12(3): one month from receipt, counted under Regulation 1182/71 (the day of
///   receipt is not counted; 31 January → 28/29 February); extendable by up to two further months,
///   decided and explained to the subject within the first month.
/// - Ukrainian Law 2297-VI Art. 8(2)(4): 30 calendar days; Art. 17(1) allows no deferral.
/// - Belarusian Law 99-Z: information about processing within 5 working days (Art. 11), the other
///   rights within 15 days (Arts. 10-13); see `JurisdictionProfile.deadline(for:)`.
/// - The days are the controller's (`JurisdictionProfile.localTime`), not UTC's.
/// - The policy may override both (`jurisdiction.response_deadline`, `maximum_extension`).
/// - Whether the clock stops while the requester has not yet proved who they are is a matter of
///   interpretation (privacy-reference.md §1.1, confidence L), so it is the policy's choice:
///   `rules.requests.pause_while_unverified`. When set, the days spent awaiting verification are
///   added to every date of the request.
public struct RequestClock: Sendable {
    public let profile: JurisdictionProfile
    public let rules: RequestRules
    let policy: Policy

    public init(policy: Policy) {
        self.profile = JurisdictionProfile.resolve(policy.jurisdiction)
        self.rules = policy.rules.requests
        self.policy = policy
    }

    /// The days the clock stood still, given when verification was asked for and when it succeeded.
    public func pausedDays(awaitingSince challenged: CivilDate, verifiedOn verified: CivilDate) -> Int {
        guard rules.pauseWhileUnverified else { return 0 }
        return max(0, verified.dayNumber - challenged.dayNumber)
    }

    /// The day a request arriving at `instant` is received on: the controller's local day.
    public func receiptDay(_ instant: Date) -> CivilDate { profile.localTime.civilDate(instant) }

    /// The last day to answer a request of `type`, before any extension.
    public func dueDate(for type: RequestType, receivedOn receipt: CivilDate, pausedDays: Int = 0) -> CivilDate {
        switch profile.deadline(for: type) {
        case .period:
            return profile.dueDate(receivedOn: receipt).adding(days: pausedDays)
        case .workingDays(let days):
            // Paused days move the start, so the term still counts working days.
            let start = receipt.adding(days: pausedDays)
            return policy.workingCalendar(around: start.year).lastDay(after: start, workingDays: days)
        }
    }

    /// The last day any extension may reach; nil where no extension is allowed (never for a
    /// working-day term the law sets without one).
    public func latestDueDate(for type: RequestType, receivedOn receipt: CivilDate, pausedDays: Int = 0) -> CivilDate? {
        guard case .period = profile.deadline(for: type) else { return nil }
        return profile.extendedDueDate(receivedOn: receipt).map { $0.adding(days: pausedDays) }
    }

    /// The due date after extending the answer period to `responseDeadline + extension` from receipt.
    /// - Throws: when the profile allows no extension, when the first period has passed, when the
    ///   result would pass the latest allowed date, or when no reasons are given.
    public func extendedDueDate(
        for type: RequestType, receivedOn receipt: CivilDate, pausedDays: Int = 0, by added: ISODuration,
        reasons: String, decidedOn today: CivilDate
    ) throws(RequestError) -> CivilDate {
        guard let latest = latestDueDate(for: type, receivedOn: receipt, pausedDays: pausedDays) else {
            throw .extensionNotAllowed(profile.kind)
        }
        guard !reasons.allSatisfy(\.isWhitespace) else { throw .extensionWithoutReasons }
        let firstDue = dueDate(for: type, receivedOn: receipt, pausedDays: pausedDays)
        guard today <= firstDue else { throw .extensionTooLate(due: firstDue) }
        let extended = LegalPeriod.lastDay(after: receipt, duration: profile.responseDeadline + added).adding(
            days: pausedDays)
        guard extended <= latest else { throw .extensionTooLong(latest: latest) }
        return extended
    }

    /// The last day to tell the requester, with reasons, that an invalid request is rejected
    /// (`rules.requests.invalid_request_notice_business_days`, e.g. 5 for Coral Travel LT/EE);
    /// otherwise the answer deadline applies (GDPR Art. 12(4)).
    public func invalidRequestNoticeDue(
        for type: RequestType, receivedOn receipt: CivilDate, pausedDays: Int = 0
    ) -> CivilDate {
        guard let days = rules.invalidRequestNoticeBusinessDays else {
            return dueDate(for: type, receivedOn: receipt, pausedDays: pausedDays)
        }
        // Business days skip the country's days off and the controller's closures (privacy-reference.md §8).
        return policy.workingCalendar(around: receipt.year).lastDay(after: receipt, workingDays: days)
    }

    /// A request is overdue from the day after its due date until it is answered.
    public static func isOverdue(due: CivilDate, today: CivilDate) -> Bool { today > due }
}
