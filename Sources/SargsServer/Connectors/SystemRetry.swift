import Foundation

/// When a company system that could not be reached is tried again on its own.
enum SystemRetry {
    /// A minute, then four times longer each attempt, at most six hours; after eight attempts it
    /// waits for staff.
    static func delay(afterAttempt attempt: Int) -> TimeInterval? {
        guard attempt < 8 else { return nil }
        return min(60 * pow(4, Double(max(attempt, 1) - 1)), 6 * 3600)
    }
}
