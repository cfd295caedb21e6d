import Foundation
import SargsCore
import Synchronization

/// Decision facts of recently decided subjects, kept in process so a decision needs no query;
/// and, beside them, the sealed values (ciphertexts and wrapped key, never clear text) of recently
/// read subjects, so a purpose-bound read needs no query either.
///
/// Correct only while this process is the sole writer, which holds for the embedded SQLite
/// default; with PostgreSQL (possibly several instances) the cache is not used. Every write
/// that changes a subject's facts invalidates its entry before the response is sent.
///
/// A read that started before a write may finish after it: `store` therefore accepts a state
/// only if no invalidation happened since the read began (`epoch`), so stale facts never enter.
public final class DecisionFactsCache: Sendable {
    private struct Storage {
        var entries: GenerationalCache<UUID, SubjectState>
        var sealed: GenerationalCache<UUID, SealedSubject>
        var epoch = 0
    }

    private let storage: Mutex<Storage>

    /// - Parameters:
    ///   - capacity: subjects whose facts are kept; when full, the least recently used half goes.
    ///   - sealedCapacity: subjects whose sealed values are kept, likewise (a subject's values take
    ///     a few hundred bytes).
    public init(capacity: Int = 200_000, sealedCapacity: Int = 50_000) {
        storage = Mutex(Storage(entries: GenerationalCache(capacity: capacity), sealed: GenerationalCache(capacity: sealedCapacity)))
    }

    func state(of subject: UUID) -> SubjectState? {
        storage.withLock { $0.entries.value(for: subject) }
    }

    /// How many subjects' facts are kept.
    var count: Int { storage.withLock { $0.entries.count } }

    /// The current epoch, taken before reading facts from the database.
    var epoch: Int { storage.withLock { $0.epoch } }

    /// Stores facts read since `epoch`, unless something was invalidated meanwhile.
    func store(_ state: SubjectState, for subject: UUID, readSince epoch: Int) {
        storage.withLock { storage in
            guard storage.epoch == epoch else { return }
            storage.entries.insert(state, for: subject)
        }
    }

    /// The subject's sealed values, if kept.
    func sealed(of subject: UUID) -> SealedSubject? {
        storage.withLock { $0.sealed.value(for: subject) }
    }

    /// Keeps sealed values read since `epoch`, unless something was invalidated meanwhile.
    func store(_ sealed: SealedSubject, for subject: UUID, readSince epoch: Int) {
        storage.withLock { storage in
            guard storage.epoch == epoch else { return }
            storage.sealed.insert(sealed, for: subject)
        }
    }

    /// Call after a change to the subject's facts or values has committed.
    func invalidate(_ subject: UUID) {
        storage.withLock { storage in
            storage.epoch += 1
            storage.entries.remove(subject)
            storage.sealed.remove(subject)
        }
    }

    /// Forgets every subject's facts: after the policy in force changed (the consent age may differ).
    func invalidateAll() {
        storage.withLock { storage in
            storage.epoch += 1
            storage.entries.removeAll()
            storage.sealed.removeAll()
        }
    }
}
