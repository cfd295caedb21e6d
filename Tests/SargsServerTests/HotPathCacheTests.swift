import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing

@Suite("In-process caches of the hot paths")
struct HotPathCacheTests {
    let principal = Principal(keyID: "k1", role: .agent, purposes: [])

    @Test(
        """
        A key is re-read by one request in the second half of its \
        second, used by the others meanwhile, and never after the second
        """
    )
    func principalRefreshAhead() {
        let cache = PrincipalCache(lifetime: .seconds(1))
        let start = ContinuousClock.now
        cache.remember(principal, forTokenHash: "h", now: start)
        #expect(cache.principal(forTokenHash: "h", now: start + .milliseconds(200)) != nil)
        #expect(
            cache.principal(forTokenHash: "h", now: start + .milliseconds(600)) == nil,
            "the first in the second half refreshes")
        #expect(
            cache.principal(forTokenHash: "h", now: start + .milliseconds(610)) != nil,
            "the others use the entry meanwhile")
        #expect(
            cache.principal(forTokenHash: "h", now: start + .milliseconds(1_001)) == nil,
            "never past its lifetime (revocation bound)")
        cache.remember(principal, forTokenHash: "h", now: start + .milliseconds(1_001))
        cache.forget(tokenHash: "h")
        #expect(
            cache.principal(forTokenHash: "h", now: start + .milliseconds(1_002)) == nil,
            "a key the database no longer knows is forgotten")
    }

    @Test(
        """
        A data key is unwrapped once while its wrapped form is unchanged, \
        again when it changes or expires, and forgotten on request
        """
    )
    func dataKeys() throws {
        let cache = DataKeyCache(lifetime: .seconds(60), capacity: 2)
        let master = MasterKey.generate()
        let subject = UUID()
        let key = DataKey.generate()
        let wrapped = try Vault.wrap(key, subject: subject, with: master)
        var unwraps = 0
        let unwrap = { () throws -> DataKey in
            unwraps += 1
            return try Vault.unwrap(wrapped, subject: subject, with: master)
        }
        let start = ContinuousClock.now
        let first = try cache.key(of: subject, wrapped: wrapped, now: start, unwrap: unwrap)
        let second = try cache.key(of: subject, wrapped: wrapped, now: start + .seconds(1), unwrap: unwrap)
        #expect(unwraps == 1)
        let sealed = try Vault.seal("x", category: "user.name", subject: subject, with: first)
        #expect(try Vault.open(sealed, category: "user.name", subject: subject, with: second) == "x")
        let rewrapped = try Vault.rewrap(wrapped, subject: subject, from: master, to: master)
        _ = try cache.key(of: subject, wrapped: rewrapped, now: start + .seconds(2), unwrap: unwrap)
        #expect(unwraps == 2, "another wrapped form is never answered from memory")
        _ = try cache.key(of: subject, wrapped: rewrapped, now: start + .seconds(63), unwrap: unwrap)
        #expect(unwraps == 3, "expired after its lifetime")
        cache.forget([subject])
        #expect(cache.count == 0)
        for _ in 0..<5 { _ = try cache.key(of: UUID(), wrapped: wrapped, now: start, unwrap: unwrap) }
        #expect(cache.count <= 2, "bounded")
    }
}
