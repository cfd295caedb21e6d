import Foundation
import Synchronization

/// Authenticated keys remembered for one second, so a busy client does not cost a database
/// query per request. Revocation (which may come from `sargs keys revoke` in another process)
/// therefore reaches a running server within one second.
public final class PrincipalCache: Sendable {
    private struct Entry {
        var principal: Principal
        var expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: Duration

    public init(lifetime: Duration = .seconds(1)) {
        self.lifetime = lifetime
    }

    /// The principal for a token's hash, if remembered and still fresh.
    func principal(forTokenHash hash: String, now: ContinuousClock.Instant = .now) -> Principal? {
        entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.expires > now else {
                entries.removeValue(forKey: hash)
                return nil
            }
            return entry.principal
        }
    }

    /// Forgets every key at once (after a revocation in this process).
    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }

    func remember(_ principal: Principal, forTokenHash hash: String, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Entry(principal: principal, expires: now + lifetime)
        }
    }
}
