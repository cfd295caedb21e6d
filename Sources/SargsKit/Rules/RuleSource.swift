import Foundation
import SargsCore

/// Where an operation takes the rules in force: the policy version in force at the clock's
/// moment and what derives from it. An operation takes `current` once, at its start, and passes
/// it down, so a version switch cannot fall between two of its reads.
public struct RuleSource: Sendable {
    /// The version in force and those scheduled (`sargs policy publish`).
    public let schedule: PolicySchedule
    public let clock: ServerClock

    public init(schedule: PolicySchedule, clock: ServerClock) {
        self.schedule = schedule
        self.clock = clock
    }

    /// The rules in force now.
    public var current: PolicyRules { schedule.rules(at: clock.now) }
}
