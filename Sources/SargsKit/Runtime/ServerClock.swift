import Foundation
import Synchronization

/// Where the server reads the time. Everything in `SargsServer` asks the clock on `SargsContext`
/// — never the system directly — so tests move time forward instead of rewriting rows, and the
/// retention and deadline rules are tested across their boundaries.
public struct ServerClock: Sendable {
    private let read: @Sendable () -> Date

    /// The current moment.
    public var now: Date { read() }

    /// A clock reading `read` for the current moment.
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The system's wall clock: the one place the server reads real time.
    public static let system = ServerClock { Date() }

    /// A clock that stands still until `manual` is moved.
    public static func manual(_ manual: ManualClock) -> ServerClock {
        ServerClock { manual.now }
    }
}

/// A settable clock for tests and previews: time moves when told, and by `tick` at each reading.
///
/// A small tick (tests use a millisecond) keeps what the server records in the order it happened,
/// as a real clock would, without letting the test's own pace leak into the results.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>
    private let tick: TimeInterval

    /// A clock showing `start`, moving `tick` seconds forward after each reading (0: standing still).
    public init(_ start: Date, tick: TimeInterval = 0) {
        current = Mutex(start)
        self.tick = tick
    }

    /// The moment the clock shows.
    public var now: Date {
        current.withLock { moment in
            defer { moment = moment.addingTimeInterval(tick) }
            return moment
        }
    }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Moves the clock forward by whole days.
    public func advance(days: Int) {
        advance(by: TimeInterval(days) * 86_400)
    }

    /// Sets the clock to `moment`.
    public func set(_ moment: Date) {
        current.withLock { $0 = moment }
    }
}
