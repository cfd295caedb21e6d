/// Counting of legal time limits.
///
/// Regulation (EEC, Euratom) No 1182/71, Article 3: the day on which the
/// triggering event happens is not counted; a period expressed in months ends
/// at the end of the day in the last month that has the same date as the day
/// of the event, or, if that month has no such day, at the end of its last day.
/// Periods in days count calendar days from the day after the event.
public enum LegalPeriod {
    /// The last day of a period of `duration` starting with an event on `event`.
    public static func lastDay(after event: CivilDate, duration: ISODuration) -> CivilDate {
        event.adding(duration)
    }
}
