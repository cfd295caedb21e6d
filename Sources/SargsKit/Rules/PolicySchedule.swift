import Foundation
import SargsCore
import Synchronization

/// The policy version in force and the versions scheduled after it. Asking for the rules at a
/// moment switches to every scheduled version whose effective moment has come, so each process
/// that knows of a version switches at that moment, without a restart and without a timer.
public final class PolicySchedule: Sendable {
    private struct State {
        public var current: PolicyRules
        /// Sorted by effective moment.
        public var upcoming: [PolicyRules]
    }

    private let state: Mutex<State>
    /// Called after a switch (outside the lock).
    private let onSwitch: @Sendable () -> Void

    public init(_ rules: PolicyRules, onSwitch: @escaping @Sendable () -> Void = {}) {
        state = Mutex(State(current: rules, upcoming: []))
        self.onSwitch = onSwitch
    }

    /// The rules in force at `now`.
    public func rules(at now: Date) -> PolicyRules {
        let (rules, switched) = state.withLock { state in
            var switched = false
            while let next = state.upcoming.first, next.effectiveAt <= now {
                state.current = next
                state.upcoming.removeFirst()
                switched = true
            }
            return (state.current, switched)
        }
        if switched { onSwitch() }
        return rules
    }

    /// The version ids this process knows: the one in force and those scheduled.
    public var knownVersions: Set<UUID> {
        state.withLock { state in Set(([state.current] + state.upcoming).compactMap(\.versionID)) }
    }

    /// Replaces what is in force and scheduled (after reading the versions table).
    public func install(current: PolicyRules, upcoming: [PolicyRules]) {
        let changed = state.withLock { state in
            let changed = state.current.versionID != current.versionID
            state.current = current
            state.upcoming = upcoming.sorted { $0.effectiveAt < $1.effectiveAt }
            return changed
        }
        if changed { onSwitch() }
    }
}
