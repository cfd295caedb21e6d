import Foundation
import SargsCore

import Synchronization

/// Subjects' unwrapped data keys, held in this process's memory (never on disk) for a short,
/// bounded time, so a subject read again and again is not unwrapped each time.
///
/// An entry is used only while the wrapped key just read from the database is the one it was
/// unwrapped from: a subject whose key was shredded (no wrapped key left) or re-wrapped under a
/// new master key never gets a remembered key. Changes in this process forget the subjects they
/// name at once (`WriteStore.write`); otherwise an entry lives `lifetime` at most.
public final class DataKeyCache: Sendable {
    private struct Entry {
        public var wrapped: Data
        public var key: DataKey
        public var expires: ContinuousClock.Instant
    }

    private let entries: Mutex<GenerationalCache<UUID, Entry>>
    public let lifetime: Duration
    public let capacity: Int

    /// At most `capacity` keys; when full, the least recently used half goes.
    public init(lifetime: Duration = .seconds(60), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
        entries = Mutex(GenerationalCache(capacity: capacity))
    }

    /// The data key of subject `id` wrapped as `wrapped`: remembered, or unwrapped by `unwrap` and remembered.
    public func key(
        of id: UUID, wrapped: Data, now: ContinuousClock.Instant = .now, unwrap: () throws -> DataKey
    ) throws -> DataKey {
        let remembered: DataKey? = entries.withLock { entries in
            guard let entry = entries.value(for: id), entry.expires > now, entry.wrapped == wrapped else { return nil }
            return entry.key
        }
        if let remembered { return remembered }
        let key = try unwrap()
        entries.withLock { $0.insert(Entry(wrapped: wrapped, key: key, expires: now + lifetime), for: id) }
        return key
    }

    /// Forgets the keys of `ids` (after a change to those subjects, such as an erasure).
    public func forget(_ ids: [UUID]) {
        guard !ids.isEmpty else { return }
        entries.withLock { entries in
            for id in ids { entries.remove(id) }
        }
    }

    /// How many keys are held now.
    public var count: Int { entries.withLock { $0.count } }
}
