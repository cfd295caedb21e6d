import Crypto
import Foundation

/// One tamper-evident audit entry. It holds identifiers and category keys only, never a
/// personal value, so the log can be kept and shown without exposing anyone's data.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var sequence: Int64
    /// Milliseconds since 1970-01-01T00:00:00Z; an integer, so hashing is exact.
    public var timeMilliseconds: Int64
    /// Who acted: `key:<key id>`, `cli`, `system`.
    public var actor: String
    /// What was done, e.g. `subject.create`, `subject.read`, `consent.record`, `decision`, `key.revoke`.
    public var action: String
    public var subjectID: UUID?
    public var purpose: String?
    public var categories: [String]
    /// The outcome, e.g. `ok`, `denied:objection`, `error:not_found`.
    public var result: String
    public var previousHash: String
    public var hash: String
    /// How `hash` was made: an `AuditChain.Version` number (1 plain SHA-256, 2 HMAC-SHA256 under the
    /// audit key). Kept as the number stored, so an unknown one fails verification instead of reading.
    public var chainVersion: Int

    public var time: Date { Date(timeIntervalSince1970: Double(timeMilliseconds) / 1000) }

    public init(
        sequence: Int64, timeMilliseconds: Int64, actor: String, action: String, subjectID: UUID?, purpose: String?,
        categories: [String], result: String, previousHash: String, hash: String,
        chainVersion: Int = AuditChain.Version.plain.rawValue
    ) {
        self.sequence = sequence
        self.timeMilliseconds = timeMilliseconds
        self.actor = actor
        self.action = action
        self.subjectID = subjectID
        self.purpose = purpose
        self.categories = categories
        self.result = result
        self.previousHash = previousHash
        self.hash = hash
        self.chainVersion = chainVersion
    }
}

/// The chain over audit entries: each entry's hash covers its fields and the previous hash, so
/// changing, removing or reordering any entry breaks every hash after it.
///
/// Entries are chained with HMAC-SHA256 under the audit key derived from the master key (version 2),
/// so someone who can write the database but has not the master key cannot change an entry and
/// recompute the hashes after it. Entries written before that used plain SHA-256 (version 1) and
/// keep verifying as they are; once a keyed entry exists, an unkeyed one after it is a failure.
/// Removing entries from the end is seen against the signed head kept outside the database (`AuditHead`).
public enum AuditChain {
    /// The `previousHash` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// How an entry's hash is made; the number is stored with each entry.
    public enum Version: Int, Sendable, Hashable, CaseIterable {
        /// SHA-256 without a key: the entries written before keyed chaining. Anyone who can write
        /// the database can recompute it, so on its own it shows only accidental change.
        case plain = 1
        /// HMAC-SHA256 under the audit key (`AuditChainKey`): how the server writes every entry.
        case keyed = 2
    }

    /// The fields of an entry before it is chained.
    public struct Draft: Sendable, Hashable {
        public var time: Date
        public var actor: String
        public var action: AuditAction
        public var subjectID: UUID?
        public var purpose: String?
        public var categories: [String]
        public var result: String

        public init(
            time: Date, actor: String, action: AuditAction, subjectID: UUID? = nil, purpose: String? = nil,
            categories: [String] = [], result: String
        ) {
            self.time = time
            self.actor = actor
            self.action = action
            self.subjectID = subjectID
            self.purpose = purpose
            self.categories = categories
            self.result = result
        }
    }

    /// Chains a draft after the entry with `previous` sequence and hash (nil for the first entry),
    /// keyed under `key` (version 2): how the server appends every entry.
    public static func append(
        _ draft: Draft, after previous: (sequence: Int64, hash: String)?, key: AuditChainKey
    ) -> AuditEntry {
        var entry = unchained(draft, after: previous, version: .keyed)
        entry.hash = mac(of: entry, key: key)
        return entry
    }

    /// Chains a draft with plain SHA-256 (version 1), as entries were written before keyed
    /// chaining. Kept to read and test such chains; a version-1 entry after a keyed one fails verification.
    public static func append(_ draft: Draft, after previous: (sequence: Int64, hash: String)?) -> AuditEntry {
        var entry = unchained(draft, after: previous, version: .plain)
        entry.hash = hash(of: entry)
        return entry
    }

    private static func unchained(
        _ draft: Draft, after previous: (sequence: Int64, hash: String)?, version: Version
    ) -> AuditEntry {
        AuditEntry(
            sequence: (previous?.sequence ?? 0) + 1,
            timeMilliseconds: Int64((draft.time.timeIntervalSince1970 * 1000).rounded()),
            actor: draft.actor, action: draft.action.rawValue, subjectID: draft.subjectID, purpose: draft.purpose,
            categories: draft.categories, result: draft.result,
            previousHash: previous?.hash ?? genesis, hash: "", chainVersion: version.rawValue)
    }

    /// Version 1: SHA-256 over a length-prefixed canonical encoding of every field but `hash`.
    public static func hash(of entry: AuditEntry) -> String {
        SHA256.hash(data: canonical(fields(of: entry, tag: "sargs-audit-v1"))).hex
    }

    /// Version 2: HMAC-SHA256 under the audit key over the same encoding, under its own tag (so the
    /// version is covered too).
    public static func mac(of entry: AuditEntry, key: AuditChainKey) -> String {
        Data(
            HMAC<SHA256>.authenticationCode(for: canonical(fields(of: entry, tag: "sargs-audit-v2")), using: key.macKey)
        ).hex
    }

    private static func fields(of entry: AuditEntry, tag: String) -> [String] {
        [
            tag, String(entry.sequence), String(entry.timeMilliseconds), entry.actor, entry.action,
            entry.subjectID?.lowercasedText ?? "", entry.purpose ?? "",
            entry.categories.joined(separator: ","),
            entry.result, entry.previousHash,
        ]
    }

    /// Each field as `<byte count>:<bytes>`, so no text can move from one field to the next unseen.
    static func canonical(_ fields: [String]) -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count + 4 })
        for field in fields {
            data.append(contentsOf: String(field.utf8.count).utf8)
            data.append(UInt8(ascii: ":"))
            data.append(contentsOf: field.utf8)
        }
        return data
    }

    /// The result of checking a chain.
    public enum Verification: Sendable, Equatable {
        case intact(entries: Int)
        /// The first entry that does not fit, and why (never a personal value).
        case broken(sequence: Int64, reason: String)
    }

    /// Checks entries in sequence order: consecutive numbers, each linked to the previous hash, each
    /// hash matching its fields (keyed entries under `key`), no unkeyed entry after a keyed one; and,
    /// given a signed head, that the head is authentic and the chain still holds the entry it names.
    public static func verify(
        _ entries: some Sequence<AuditEntry>, key: AuditChainKey? = nil, head: AuditHead? = nil
    ) -> Verification {
        if let head, let broken = check(head, key: key) { return broken }
        var verifier = Verifier(key: key, expecting: head)
        for entry in entries {
            if let broken = verifier.check(entry) { return broken }
        }
        return verifier.finish()
    }

    /// Whether `head` was signed by this installation's audit key (or, with no key, by the key it
    /// names); the failure names the entry the head points at.
    public static func check(_ head: AuditHead, key: AuditChainKey?) -> Verification? {
        head.problem(for: key).map { Verification.broken(sequence: head.sequence, reason: "the signed head \($0)") }
    }

    /// Checks the entries of one page (possibly filtered, so not contiguous): each entry's hash
    /// matches its fields, and each entry that directly follows another on the page links to it.
    /// Cheap enough for every read; the whole chain is verified by `verify`.
    public static func verifyPage(_ entries: [AuditEntry], key: AuditChainKey? = nil) -> Verification {
        var previous: AuditEntry?
        var keyed = false
        for entry in entries {
            if let problem = contentProblem(of: entry, key: key, keyedBefore: keyed, signedThrough: nil) {
                return .broken(sequence: entry.sequence, reason: problem)
            }
            if let previous, entry.sequence == previous.sequence + 1, entry.previousHash != previous.hash {
                return .broken(sequence: entry.sequence, reason: "does not link to the previous entry's hash")
            }
            keyed = keyed || entry.chainVersion == Version.keyed.rawValue
            previous = entry
        }
        return .intact(entries: entries.count)
    }

    /// What is wrong with one entry's own hash and version, or nil. `keyedBefore`: a keyed entry
    /// came earlier; `signedThrough`: a signed head names this sequence, and only keyed entries may follow it.
    static func contentProblem(
        of entry: AuditEntry, key: AuditChainKey?, keyedBefore: Bool, signedThrough: Int64?
    ) -> String? {
        switch Version(rawValue: entry.chainVersion) {
        case nil:
            return "has an unknown chain version \(entry.chainVersion)"
        case .plain:
            if keyedBefore { return "is unkeyed (chain version 1) after keyed entries (a downgrade)" }
            if let signedThrough, entry.sequence > signedThrough {
                return
                    """
                    is unkeyed (chain version 1) after the signed head, \
                    which only keyed entries may follow (a downgrade)
                    """
            }
            return hash(of: entry) == entry.hash ? nil : "its contents do not match its hash (altered)"
        case .keyed:
            guard let key else { return "is keyed; checking it needs the master key" }
            return mac(of: entry, key: key) == entry.hash
                ? nil : "its contents do not match its keyed hash (altered, or recomputed without the audit key)"
        }
    }
}
