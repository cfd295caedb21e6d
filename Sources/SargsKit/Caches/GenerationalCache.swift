/// A bounded map that forgets the least recently used entries a half at a time, never all at once.
///
/// Two generations: new and recently used entries live in `young`; when it reaches half the
/// capacity it becomes `old` and a new `young` begins, and what was in the previous `old` and not
/// used since is forgotten. A hit in `old` moves the entry back to `young`. So a cache under
/// pressure keeps at least the most recent half of its entries, at the cost of one dictionary
/// operation per access, with no per-entry bookkeeping (an approximation of LRU, as memcached's
/// segmented LRU is). Not thread-safe: keep it inside a lock.
public struct GenerationalCache<Key: Hashable, Value> {
    private var young: [Key: Value] = [:]
    private var old: [Key: Value] = [:]
    /// Entries per generation: half the capacity.
    private let generation: Int

    /// A cache of at most `capacity` entries (at least 2).
    public init(capacity: Int) {
        generation = max(1, capacity / 2)
    }

    /// How many entries are kept (at most the capacity).
    public var count: Int { young.count + old.count }

    /// The value for `key`, marking it recently used.
    public mutating func value(for key: Key) -> Value? {
        if let value = young[key] { return value }
        guard let value = old.removeValue(forKey: key) else { return nil }
        insert(value, for: key)
        return value
    }

    /// The value for `key` without marking it used (for peeks that must not change the order).
    public func peek(_ key: Key) -> Value? { young[key] ?? old[key] }

    public mutating func insert(_ value: Value, for key: Key) {
        old.removeValue(forKey: key)
        young[key] = value
        if young.count >= generation {
            old = young
            young = Dictionary(minimumCapacity: generation)
        }
    }

    public mutating func remove(_ key: Key) {
        young.removeValue(forKey: key)
        old.removeValue(forKey: key)
    }

    public mutating func removeAll() {
        young.removeAll(keepingCapacity: true)
        old.removeAll(keepingCapacity: true)
    }
}
