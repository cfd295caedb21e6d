import Foundation
import Vapor
import Synchronization

/// Authenticated keys remembered for one second, so a busy client does not cost a database
/// query per request. Revocation (which may come from `sargs keys revoke` in another process)
/// therefore reaches a running server within one second.
///
/// In the second half of an entry's life, the first request to find it checks the key against the
/// database again while the others go on using the entry, so under load a key is re-read about
/// twice a second and never expires under many requests at once (each of which would wait for a query).
public final class PrincipalCache: Sendable {
    private struct Entry {
        var principal: Principal
        var refreshFrom: ContinuousClock.Instant
        var expires: ContinuousClock.Instant
        var refreshing = false
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: Duration

    public init(lifetime: Duration = .seconds(1)) {
        self.lifetime = lifetime
    }

    /// The principal to use for a token's hash at `now`; nil when the caller must read the key from
    /// the database (and then `remember` or `forget` it): unknown, expired, or this caller was
    /// chosen to refresh it.
    func principal(forTokenHash hash: String, now: ContinuousClock.Instant = .now) -> Principal? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.expires > now else {
                entries.removeValue(forKey: hash)
                return nil
            }
            if now >= entry.refreshFrom, !entry.refreshing {
                entries[hash]?.refreshing = true
                return nil
            }
            return entry.principal
        }
    }

    /// Forgets every key at once (after a revocation in this process).
    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }

    /// Forgets one token (the database no longer knows it).
    func forget(tokenHash hash: String) {
        _ = entries.withLock { $0.removeValue(forKey: hash) }
    }

    func remember(_ principal: Principal, forTokenHash hash: String, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(principal: principal, refreshFrom: now + lifetime / 2, expires: now + lifetime)
        }
    }
}

extension Application {
    private struct PrincipalCacheKey: StorageKey {
        typealias Value = PrincipalCache
    }

    /// This process's cache of authenticated keys, shared by the authenticator and revocation.
    var principalCache: PrincipalCache {
        if let cache = storage[PrincipalCacheKey.self] { return cache }
        let cache = PrincipalCache()
        storage[PrincipalCacheKey.self] = cache
        return cache
    }
}
