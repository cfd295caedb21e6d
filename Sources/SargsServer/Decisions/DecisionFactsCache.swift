import Foundation
import SargsCore
import Synchronization

/// Decision facts of recently decided subjects, kept in process so a decision needs no query.
///
/// Correct only while this process is the sole writer, which holds for the embedded SQLite
/// default; with PostgreSQL (possibly several instances) the cache is not used. Every write
/// that changes a subject's facts invalidates its entry before the response is sent.
///
/// A read that started before a write may finish after it: `store` therefore accepts a state
/// only if no invalidation happened since the read began (`epoch`), so stale facts never enter.
public final class DecisionFactsCache: Sendable {
    private struct Storage {
        var entries: [UUID: SubjectState] = [:]
        var epoch = 0
    }

    private let storage = Mutex(Storage())
    private let capacity: Int

    public init(capacity: Int = 200_000) {
        self.capacity = capacity
    }

    func state(of subject: UUID) -> SubjectState? {
        storage.withLock { $0.entries[subject] }
    }

    /// The current epoch, taken before reading facts from the database.
    var epoch: Int { storage.withLock { $0.epoch } }

    /// Stores facts read since `epoch`, unless something was invalidated meanwhile.
    func store(_ state: SubjectState, for subject: UUID, readSince epoch: Int) {
        storage.withLock { storage in
            guard storage.epoch == epoch else { return }
            if storage.entries.count >= capacity { storage.entries.removeAll(keepingCapacity: true) }
            storage.entries[subject] = state
        }
    }

    /// Call after a change to the subject's facts has committed.
    func invalidate(_ subject: UUID) {
        storage.withLock { storage in
            storage.epoch += 1
            storage.entries.removeValue(forKey: subject)
        }
    }

    /// Forgets every subject's facts: after the policy in force changed (the consent age may differ).
    func invalidateAll() {
        storage.withLock { storage in
            storage.epoch += 1
            storage.entries.removeAll(keepingCapacity: true)
        }
    }
}
