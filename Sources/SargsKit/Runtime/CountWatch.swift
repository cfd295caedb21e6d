import Synchronization

/// Remembers the last value of named counts, so a recurring job warns when a count changes
/// instead of every few seconds while it stays the same.
public final class CountWatch: Sendable {
    private let last = Mutex<[String: Int]>([:])

    public init() {}

    /// Records `count` under `name`; true when it differs from the last one recorded.
    public func changed(_ name: String, to count: Int) -> Bool {
        last.withLock { values in
            defer { values[name] = count }
            return values[name] != count
        }
    }
}
