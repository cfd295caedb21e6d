import Foundation
import SargsCore

import Synchronization

/// Decision facts of recently decided subjects, kept in process so a decision needs no query, or
/// one; and, beside them, the sealed values (ciphertexts and wrapped key, never clear text) of
/// recently read subjects, so a purpose-bound read needs no further query.
///
/// Two modes:
/// - **Sole writer** (the embedded SQLite default, one process owns the file): every write that
///   changes a subject's facts goes through `WriteStore.write`/`insert`, which invalidates the
///   entry before the response is sent, so an entry is served without asking the database.
/// - **Versioned** (PostgreSQL, possibly several instances): each entry remembers the subject's
///   `facts_version`, which every such write bumps in its own transaction (`FactsVersions`). An
///   entry is served only when the version the database holds now is the entry's, so a write by
///   another instance is never hidden: a hit costs one statement (the subject row) instead of six.
///
/// A read that started before a local write may finish after it: `store` therefore accepts a state
/// only if no local invalidation happened since the read began (`epoch`), so stale facts never enter.
/// In versioned mode the version read *before* the facts guards the same race across instances.
public final class DecisionFactsCache: Sendable {
    private struct Entry<Value> {
        public var value: Value
        public var version: Int
    }

    private struct Storage {
        public var entries: GenerationalCache<UUID, Entry<SubjectState>>
        public var sealed: GenerationalCache<UUID, Entry<SealedSubject>>
        public var epoch = 0
    }

    private let storage: Mutex<Storage>
    /// Whether entries are served only at the version the database holds (several writers).
    public let checksVersions: Bool

    /// - Parameters:
    ///   - capacity: subjects whose facts are kept; when full, the least recently used half goes.
    ///   - sealedCapacity: subjects whose sealed values are kept, likewise (a subject's values take
    ///     a few hundred bytes).
    ///   - checksVersions: serve an entry only at the subject's current `facts_version` (see above).
    public init(capacity: Int = 200_000, sealedCapacity: Int = 50_000, checksVersions: Bool = false) {
        storage = Mutex(
            Storage(entries: GenerationalCache(capacity: capacity), sealed: GenerationalCache(capacity: sealedCapacity))
        )
        self.checksVersions = checksVersions
    }

    /// Bytes one subject's facts take in the cache, and its sealed values (estimates for a
    /// subject with a few events and values, measured as RSS growth: docs/benchmarks.md).
    public static let factsEntryBytes = 640
    public static let sealedEntryBytes = 1_280

    /// Caches sharing `mebibytes` of memory: half for facts, half for sealed values.
    public convenience init(mebibytes: Int, checksVersions: Bool) {
        let half = mebibytes * 1_048_576 / 2
        self.init(
            capacity: half / Self.factsEntryBytes, sealedCapacity: half / Self.sealedEntryBytes,
            checksVersions: checksVersions)
    }

    /// The subject's facts when they may be served without asking the database: never in versioned mode.
    public func state(of subject: UUID) -> SubjectState? {
        guard !checksVersions else { return nil }
        return storage.withLock { $0.entries.value(for: subject)?.value }
    }

    /// The subject's facts if they were stored at `version`, the one the database holds now.
    public func state(of subject: UUID, atVersion version: Int) -> SubjectState? {
        storage.withLock { storage in
            guard let entry = storage.entries.value(for: subject), entry.version == version else { return nil }
            return entry.value
        }
    }

    /// How many subjects' facts are kept.
    public var count: Int { storage.withLock { $0.entries.count } }

    /// The current epoch, taken before reading facts from the database.
    public var epoch: Int { storage.withLock { $0.epoch } }

    /// Stores facts read since `epoch` (at the subject's `version`, read before them), unless
    /// something was invalidated meanwhile.
    public func store(_ state: SubjectState, for subject: UUID, version: Int = 0, readSince epoch: Int) {
        storage.withLock { storage in
            guard storage.epoch == epoch else { return }
            storage.entries.insert(Entry(value: state, version: version), for: subject)
        }
    }

    /// The subject's sealed values, if kept and servable (at `version` in versioned mode).
    public func sealed(of subject: UUID, atVersion version: Int?) -> SealedSubject? {
        storage.withLock { storage in
            guard let entry = storage.sealed.value(for: subject) else { return nil }
            if checksVersions { guard let version, entry.version == version else { return nil } }
            return entry.value
        }
    }

    /// Keeps sealed values read since `epoch` (at `version`), unless something was invalidated meanwhile.
    public func store(_ sealed: SealedSubject, for subject: UUID, version: Int = 0, readSince epoch: Int) {
        storage.withLock { storage in
            guard storage.epoch == epoch else { return }
            storage.sealed.insert(Entry(value: sealed, version: version), for: subject)
        }
    }

    /// Call after a change to the subject's facts or values has committed.
    public func invalidate(_ subject: UUID) {
        storage.withLock { storage in
            storage.epoch += 1
            storage.entries.remove(subject)
            storage.sealed.remove(subject)
        }
    }

    /// Forgets every subject's facts: after the policy in force changed (the consent age may differ).
    public func invalidateAll() {
        storage.withLock { storage in
            storage.epoch += 1
            storage.entries.removeAll()
            storage.sealed.removeAll()
        }
    }
}
