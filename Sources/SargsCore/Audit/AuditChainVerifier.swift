import Foundation

extension AuditChain {
    /// Checks a chain one entry at a time, in sequence order, so a long chain can be read a page at
    /// a time: from the first entry (optionally against a signed head), or onwards from the entry a
    /// signed head names (to extend that head).
    public struct Verifier: Sendable {
        private let key: AuditChainKey?
        /// The signed head the chain must still hold (its entry, with its hash).
        private let expected: AuditHead?
        /// Starting from a signed head: the first entry must be the one it names.
        private var resumeAt: AuditHead?
        /// The entry checked last.
        public private(set) var last: (sequence: Int64, hash: String)?
        /// Entries checked.
        public private(set) var count = 0
        private var keyedSeen = false
        /// Only keyed entries may follow the entry a signed head names.
        private let signedThrough: Int64?

        /// Checks a whole chain from its first entry; given a signed head (already authenticated,
        /// see `AuditChain.check`), also that the chain still holds the entry the head names.
        public init(key: AuditChainKey?, expecting head: AuditHead? = nil) {
            self.key = key
            expected = head
            resumeAt = nil
            signedThrough = head?.sequence
        }

        /// Checks the entries from the one `head` names (already authenticated) onwards: that entry
        /// must come first and still carry the signed hash; the entries after it must follow as usual.
        public init(key: AuditChainKey?, resumingAt head: AuditHead) {
            self.key = key
            expected = nil
            resumeAt = head
            signedThrough = head.sequence
        }

        /// Checks the next entry; the break, or nil when the entry fits.
        public mutating func check(_ entry: AuditEntry) -> Verification? {
            if let start = resumeAt {
                resumeAt = nil
                guard entry.sequence == start.sequence else {
                    return .broken(
                        sequence: start.sequence,
                        reason: "the entry the signed head names is missing (removed or renumbered)")
                }
                guard entry.hash == start.hash else { return Self.headMismatch(start) }
            } else {
                let expectedSequence = (last?.sequence ?? 0) + 1
                if entry.sequence != expectedSequence {
                    return .broken(
                        sequence: entry.sequence,
                        reason: "expected entry \(expectedSequence); entries are missing or reordered")
                }
                if entry.previousHash != (last?.hash ?? AuditChain.genesis) {
                    return .broken(sequence: entry.sequence, reason: "does not link to the previous entry's hash")
                }
            }
            if let problem = AuditChain.contentProblem(
                of: entry, key: key, keyedBefore: keyedSeen, signedThrough: signedThrough)
            {
                return .broken(sequence: entry.sequence, reason: problem)
            }
            if let expected, entry.sequence == expected.sequence, entry.hash != expected.hash {
                return Self.headMismatch(expected)
            }
            keyedSeen = keyedSeen || entry.chainVersion == Version.keyed.rawValue
            last = (entry.sequence, entry.hash)
            count += 1
            return nil
        }

        /// The result once every entry has been checked: intact, unless the chain ends before the
        /// entry a signed head names (entries were removed from the end).
        public func finish() -> Verification {
            if let start = resumeAt {
                return .broken(
                    sequence: start.sequence,
                    reason: "the entry the signed head names is missing: the chain is shorter (truncated)")
            }
            if let expected, (last?.sequence ?? 0) < expected.sequence {
                return .broken(
                    sequence: expected.sequence,
                    reason: "the signed head names entry \(expected.sequence) but the chain ends at entry "
                        + "\(last?.sequence ?? 0): entries were removed (truncated)")
            }
            return .intact(entries: count)
        }

        private static func headMismatch(_ head: AuditHead) -> Verification {
            .broken(
                sequence: head.sequence,
                reason: "does not match the signed head (head mismatch: this entry or one before it was rewritten)")
        }
    }
}
