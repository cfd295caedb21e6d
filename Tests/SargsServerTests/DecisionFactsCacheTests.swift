import Foundation
import SargsCore
@testable import SargsKit
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
        #expect(cache.sealed(of: subject, atVersion: nil) == nil)
        cache.store(sealed, for: subject, readSince: cache.epoch)
        #expect(cache.sealed(of: subject, atVersion: nil) == sealed)
        cache.invalidate(subject)
        #expect(cache.sealed(of: subject, atVersion: nil) == nil)
        cache.store(sealed, for: subject, readSince: cache.epoch)
        cache.invalidateAll()
        #expect(cache.sealed(of: subject, atVersion: nil) == nil)
    }

    @Test(
        """
        The cache stays bounded and degrades gracefully: full, it \
        forgets the least recently used, never everything at once
        """
    )
    func bounded() {
        let cache = DecisionFactsCache(capacity: 100)
        let hot = UUID()
        cache.store(SubjectState(), for: hot, readSince: cache.epoch)
        var stored: [UUID] = []
        for round in 0..<1_000 {
            let id = UUID()
            stored.append(id)
            cache.store(SubjectState(), for: id, readSince: cache.epoch)
            if round % 10 == 0 { #expect(cache.state(of: hot) != nil, "a subject in constant use stays") }
            #expect(cache.count <= 100)
        }
        // After 1,000 inserts into 100 places, the most recent stay and at least half the capacity is kept.
        #expect(cache.count >= 50)
        #expect(stored.suffix(40).allSatisfy { cache.state(of: $0) != nil })
        #expect(cache.state(of: stored[0]) == nil)
    }

    @Test("GenerationalCache: a hit in the old generation moves the entry back; removal and the bound hold")
    func generations() {
        var cache = GenerationalCache<Int, String>(capacity: 4)  // two generations of two
        cache.insert("v0", for: 0)
        cache.insert("v1", for: 1)  // the young generation is full: it becomes the old one
        #expect(cache.count == 2)
        #expect(cache.value(for: 0) == "v0")  // used: moved back to the young generation
        cache.insert("v2", for: 2)  // full again: 1, unused since, is the one forgotten
        #expect(cache.value(for: 1) == nil)
        #expect(cache.value(for: 0) == "v0" && cache.value(for: 2) == "v2" && cache.count <= 4)
        cache.remove(0)
        #expect(cache.value(for: 0) == nil)
    }
}
