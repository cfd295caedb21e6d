import Foundation
import Testing
@testable import SargsCore

/// Threat R4 (security review 2026-12-05): someone who can write the database, but has not the
/// master key, changes an entry and recomputes every hash after it, or deletes the end of the chain.
@Suite("Keyed audit chain and signed head (R4: a database writer forging or truncating the trail)")
struct AuditKeyedChainTests {
    let key = AuditChainKey(master: MasterKey.generate())

    func draft(_ index: Int) -> AuditChain.Draft {
        AuditChain.Draft(
            time: Date(timeIntervalSince1970: 1_767_225_600 + Double(index)), actor: "key:abc",
            action: index.isMultiple(of: 2) ? .subjectRead : .consentRead, subjectID: UUID(),
            purpose: "newsletter", categories: ["user.contact.email"], result: "ok")
    }

    /// `count` entries after `existing`: keyed under `key`, or plain (version 1) when `key` is nil.
    func chain(_ count: Int, after existing: [AuditEntry] = [], key: AuditChainKey?) -> [AuditEntry] {
        var entries = existing
        for index in 0..<count {
            let previous: (sequence: Int64, hash: String)? = entries.last.map { ($0.sequence, $0.hash) }
            entries.append(
                key.map { AuditChain.append(draft(index), after: previous, key: $0) }
                    ?? AuditChain.append(draft(index), after: previous))
        }
        return entries
    }

    /// What someone with write access to the database can do without the key: rewrite the entries
    /// from `index` on, re-linking each and recomputing its hash with `rehash`.
    func recomputed(
        _ entries: [AuditEntry], from index: Int, version: AuditChain.Version,
        _ rehash: (AuditEntry) -> String
    ) -> [AuditEntry] {
        var result = entries
        for position in index..<result.count {
            if position > 0 { result[position].previousHash = result[position - 1].hash }
            result[position].chainVersion = version.rawValue
            result[position].hash = rehash(result[position])
        }
        return result
    }

    static let keyedMismatch = "its contents do not match its keyed hash (altered, or recomputed without the audit key)"
    static let downgrade = "is unkeyed (chain version 1) after keyed entries (a downgrade)"

    func reason(_ verification: AuditChain.Verification) -> String {
        if case .broken(_, let reason) = verification { reason } else { "" }
    }

    @Test("A keyed chain verifies with the audit key; every entry records chain version 2")
    func keyedChainVerifies() {
        let entries = chain(5, key: key)
        #expect(entries.allSatisfy { $0.chainVersion == AuditChain.Version.keyed.rawValue })
        #expect(AuditChain.verify(entries, key: key) == .intact(entries: 5))
        #expect(AuditChain.verifyPage([entries[1], entries[2], entries[4]], key: key) == .intact(entries: 3))
        // The hash is a MAC, not the plain SHA-256 anyone can recompute.
        #expect(entries[0].hash != AuditChain.hash(of: entries[0]))
    }

    @Test("Threat: a changed field of a keyed entry fails at that entry (keyed MAC mismatch)")
    func changedFieldFails() {
        var entries = chain(5, key: key)
        entries[2].actor = "key:forged00000"
        let verification = AuditChain.verify(entries, key: key)
        #expect(verification == .broken(sequence: 3, reason: Self.keyedMismatch))
        #expect(AuditChain.verifyPage([entries[2]], key: key) == verification)
        // Without the key a keyed entry cannot be passed as checked.
        #expect(reason(AuditChain.verify(chain(2, key: key))).contains("needs the master key"))
    }

    @Test(
        """
        Threat: an entry changed and every later hash recomputed \
        with plain SHA-256 fails, though the links are consistent
        """
    )
    func recomputedWithPlainHashFails() {
        var entries = chain(6, key: key)
        entries[2].actor = "key:forged00000"
        // Marked as version 1, as the reviewer's recomputation would: a downgrade after keyed entries.
        let downgraded = recomputed(entries, from: 2, version: .plain) { AuditChain.hash(of: $0) }
        #expect(AuditChain.verify(downgraded, key: key) == .broken(sequence: 3, reason: Self.downgrade))
        // Left as version 2 but hashed without the key: the MAC does not match.
        let unkeyed = recomputed(entries, from: 2, version: .keyed) { AuditChain.hash(of: $0) }
        #expect(AuditChain.verify(unkeyed, key: key) == .broken(sequence: 3, reason: Self.keyedMismatch))
    }

    @Test("Threat: a chain recomputed under another key (another installation's, or a guessed one) fails")
    func recomputedWithAnotherKeyFails() {
        var entries = chain(4, key: key)
        entries[1].result = "denied:objection"
        let other = AuditChainKey(master: MasterKey.generate())
        let forged = recomputed(entries, from: 0, version: .keyed) { AuditChain.mac(of: $0, key: other) }
        #expect(AuditChain.verify(forged, key: other) == .intact(entries: 4), "consistent under the forger's own key")
        #expect(AuditChain.verify(forged, key: key) == .broken(sequence: 1, reason: Self.keyedMismatch))
    }

    @Test("Entries written before keyed chaining (version 1) and keyed ones after them verify together")
    func plainThenKeyedVerifies() {
        let plain = chain(3, key: nil)
        #expect(plain.allSatisfy { $0.chainVersion == AuditChain.Version.plain.rawValue })
        let mixed = chain(3, after: plain, key: key)
        #expect(mixed[3].previousHash == plain[2].hash)
        #expect(AuditChain.verify(mixed, key: key) == .intact(entries: 6))
    }

    @Test("Threat: an unkeyed (version 1) entry after a keyed one is a downgrade and fails")
    func keyedThenPlainFails() {
        let keyed = chain(3, key: key)
        let downgraded = chain(2, after: keyed, key: nil)
        #expect(AuditChain.verify(downgraded, key: key) == .broken(sequence: 4, reason: Self.downgrade))
        #expect(reason(AuditChain.verifyPage(Array(downgraded[2...3]), key: key)).contains("downgrade"))
        var unknown = chain(2, key: key)
        unknown[1].chainVersion = 7
        #expect(AuditChain.verify(unknown, key: key) == .broken(sequence: 2, reason: "has an unknown chain version 7"))
    }

    @Test(
        "A signed head verifies with the public key the master key derives; an altered sequence, hash or time does not")
    func signedHead() throws {
        let entries = chain(4, key: key)
        let head = try key.signHead(sequence: 4, hash: entries[3].hash, at: Date(timeIntervalSince1970: 1_767_225_700))
        #expect(head.publicKey == (try key.publicKeyBase64()))
        #expect(head.problem(for: key) == nil && head.problem(for: nil) == nil)
        var moved = head
        moved.sequence = 3
        #expect(moved.problem(for: key) == "has a signature that does not verify (forged or altered)")
        var rehashed = head
        rehashed.hash = entries[2].hash
        #expect(rehashed.problem(for: key) != nil)
        var retimed = head
        retimed.timeMilliseconds += 1
        #expect(retimed.problem(for: nil) != nil)
        // A head signed with another key is authentic in itself but not this installation's.
        let foreign = try AuditChainKey(master: MasterKey.generate()).signHead(
            sequence: 4, hash: entries[3].hash, at: Date())
        #expect(foreign.problem(for: nil) == nil)
        #expect(foreign.problem(for: key) == "was not signed with this installation's audit key")
        #expect(
            AuditChain.verify(entries, key: key, head: foreign)
                == .broken(sequence: 4, reason: "the signed head was not signed with this installation's audit key"))
        // The head survives its file format.
        let decoded = try JSONDecoder().decode(AuditHead.self, from: JSONEncoder().encode(head))
        #expect(decoded == head && decoded.problem(for: key) == nil)
    }

    @Test("The same master key always derives the same audit keys; another master key derives others")
    func deterministicKeys() throws {
        let master = try MasterKey(rawBytes: [UInt8](repeating: 7, count: 32))
        #expect(
            try AuditChainKey(master: master).publicKeyBase64() == (try AuditChainKey(master: master).publicKeyBase64())
        )
        #expect(try AuditChainKey(master: master).publicKeyBase64() != (try key.publicKeyBase64()))
        let entry = AuditChain.append(draft(0), after: nil, key: AuditChainKey(master: master))
        #expect(AuditChain.mac(of: entry, key: AuditChainKey(master: master)) == entry.hash)
    }

    @Test("Threat: entries deleted from the end are detected against the signed head (truncated)")
    func truncationDetected() throws {
        let entries = chain(10, key: key)
        let head = try key.signHead(sequence: 10, hash: entries[9].hash, at: Date())
        #expect(AuditChain.verify(entries, key: key, head: head) == .intact(entries: 10))
        // Without the head, a shorter chain is consistent in itself: that is why the head is kept outside.
        let truncated = Array(entries.prefix(7))
        #expect(AuditChain.verify(truncated, key: key) == .intact(entries: 7))
        #expect(
            AuditChain.verify(truncated, key: key, head: head)
                == .broken(
                    sequence: 10,
                    reason:
                        "the signed head names entry 10 but the chain ends at entry 7: entries were removed (truncated)"
                ))
        #expect(reason(AuditChain.verify([AuditEntry](), key: key, head: head)).contains("truncated"))
        // Entries written after the head was signed are fine, when keyed.
        let longer = chain(2, after: entries, key: key)
        #expect(AuditChain.verify(longer, key: key, head: head) == .intact(entries: 12))
    }

    @Test(
        """
        Threat: a chain rewritten in full without the key (every \
        entry version 1) passes its own links but not the signed head
        """
    )
    func fullRewriteDetectedByHead() throws {
        let entries = chain(5, key: key)
        let head = try key.signHead(sequence: 5, hash: entries[4].hash, at: Date())
        var rewritten = entries
        rewritten[1].actor = "key:forged00000"
        rewritten = recomputed(rewritten, from: 0, version: .plain) { AuditChain.hash(of: $0) }
        #expect(
            AuditChain.verify(rewritten, key: key) == .intact(entries: 5),
            "the limit without a head: see docs/server.md")
        #expect(
            AuditChain.verify(rewritten, key: key, head: head)
                == .broken(
                    sequence: 5,
                    reason: "does not match the signed head (head mismatch: this entry or one before it was rewritten)")
        )
        // Entries after a signed head must be keyed, even when no keyed entry precedes them.
        let plain = chain(3, key: nil)
        let plainHead = try key.signHead(sequence: 3, hash: plain[2].hash, at: Date())
        #expect(AuditChain.verify(chain(1, after: plain, key: key), key: key, head: plainHead) == .intact(entries: 4))
        #expect(
            reason(AuditChain.verify(chain(1, after: plain, key: nil), key: key, head: plainHead)).contains(
                "after the signed head"))
    }

    @Test("Resuming from a signed head checks only the entries after it, and sees a missing or changed head entry")
    func resumeFromHead() throws {
        let entries = chain(8, key: key)
        let head = try key.signHead(sequence: 5, hash: entries[4].hash, at: Date())
        var verifier = AuditChain.Verifier(key: key, resumingAt: head)
        for entry in entries[4...] {
            let result = verifier.check(entry)
            #expect(result == nil)
        }
        #expect(verifier.finish() == .intact(entries: 4))
        #expect(verifier.last?.sequence == 8 && verifier.last?.hash == entries[7].hash)

        let truncated = AuditChain.Verifier(key: key, resumingAt: head)
        #expect(
            truncated.finish()
                == .broken(
                    sequence: 5, reason: "the entry the signed head names is missing: the chain is shorter (truncated)")
        )
        var changed = AuditChain.Verifier(key: key, resumingAt: head)
        let skipped = changed.check(entries[5])
        #expect(
            skipped
                == .broken(sequence: 5, reason: "the entry the signed head names is missing (removed or renumbered)"))
        var swapped = AuditChain.Verifier(key: key, resumingAt: head)
        var other = entries[4]
        other.hash = entries[3].hash
        let mismatch = swapped.check(other)
        #expect(
            mismatch
                == .broken(
                    sequence: 5,
                    reason: "does not match the signed head (head mismatch: this entry or one before it was rewritten)")
        )
    }
}
