import Foundation
import SargsCore
import Testing
@testable import SargsServer

@Suite("Decision facts cache")
struct DecisionFactsCacheTests {
    @Test("Facts read before an invalidation are not stored after it")
    func staleFillRejected() {
        let cache = DecisionFactsCache()
        let subject = UUID()
        let epoch = cache.epoch
        cache.invalidate(subject)  // a write commits while the read is in flight
        cache.store(SubjectState(), for: subject, readSince: epoch)
        #expect(cache.state(of: subject) == nil)
        cache.store(SubjectState(), for: subject, readSince: cache.epoch)
        #expect(cache.state(of: subject) == SubjectState())
        cache.invalidate(subject)
        #expect(cache.state(of: subject) == nil)
    }

    @Test("Sealed values read before an invalidation are not kept after it; an invalidation drops them with the facts")
    func sealedValues() {
        let cache = DecisionFactsCache()
        let subject = UUID()
        let sealed = SealedSubject(wrappedKey: Data([1, 2, 3]), values: ["user.name": Data([4, 5])])
        let epoch = cache.epoch
        cache.invalidate(subject)
        cache.store(sealed, for: subject, readSince: epoch)
        #expect(cache.sealed(of: subject) == nil)
        cache.store(sealed, for: subject, readSince: cache.epoch)
        #expect(cache.sealed(of: subject) == sealed)
        cache.invalidate(subject)
        #expect(cache.sealed(of: subject) == nil)
        cache.store(sealed, for: subject, readSince: cache.epoch)
        cache.invalidateAll()
        #expect(cache.sealed(of: subject) == nil)
    }

    @Test("The cache stays bounded")
    func bounded() {
        let cache = DecisionFactsCache(capacity: 3)
        for _ in 0..<10 { cache.store(SubjectState(), for: UUID(), readSince: cache.epoch) }
        let probe = UUID()
        cache.store(SubjectState(), for: probe, readSince: cache.epoch)
        #expect(cache.state(of: probe) != nil)
    }
}
