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

    public var time: Date { Date(timeIntervalSince1970: Double(timeMilliseconds) / 1000) }

    public init(sequence: Int64, timeMilliseconds: Int64, actor: String, action: String, subjectID: UUID?, purpose: String?,
                categories: [String], result: String, previousHash: String, hash: String) {
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
    }
}

/// The hash chain over audit entries: each entry's hash covers its fields and the previous hash,
/// so changing, removing or reordering any entry breaks every hash after it.
public enum AuditChain {
    /// The `previousHash` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The fields of an entry before it is chained.
    public struct Draft: Sendable, Hashable {
        public var time: Date
        public var actor: String
        public var action: AuditAction
        public var subjectID: UUID?
        public var purpose: String?
        public var categories: [String]
        public var result: String

        public init(time: Date, actor: String, action: AuditAction, subjectID: UUID? = nil, purpose: String? = nil,
                    categories: [String] = [], result: String) {
            self.time = time
            self.actor = actor
            self.action = action
            self.subjectID = subjectID
            self.purpose = purpose
            self.categories = categories
            self.result = result
        }
    }

    /// Chains a draft after the entry with `previous` sequence and hash (nil for the first entry).
    public static func append(_ draft: Draft, after previous: (sequence: Int64, hash: String)?) -> AuditEntry {
        var entry = AuditEntry(
            sequence: (previous?.sequence ?? 0) + 1,
            timeMilliseconds: Int64((draft.time.timeIntervalSince1970 * 1000).rounded()),
            actor: draft.actor, action: draft.action.rawValue, subjectID: draft.subjectID, purpose: draft.purpose,
            categories: draft.categories, result: draft.result,
            previousHash: previous?.hash ?? genesis, hash: "")
        entry.hash = hash(of: entry)
        return entry
    }

    /// SHA-256 over a length-prefixed canonical encoding of every field but `hash`.
    public static func hash(of entry: AuditEntry) -> String {
        let fields = [
            "sargs-audit-v1", String(entry.sequence), String(entry.timeMilliseconds), entry.actor, entry.action,
            entry.subjectID?.uuidString.lowercased() ?? "", entry.purpose ?? "", entry.categories.joined(separator: ","),
            entry.result, entry.previousHash,
        ]
        var hasher = SHA256()
        for field in fields {
            let bytes = Data(field.utf8)
            hasher.update(data: Data("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return hasher.finalize().hex
    }

    /// The result of checking a chain.
    public enum Verification: Sendable, Equatable {
        case intact(entries: Int)
        /// The first entry that does not fit, and why.
        case broken(sequence: Int64, reason: String)
    }

    /// Checks entries in sequence order: consecutive numbers, each linked to the previous hash,
    /// each hash matching its fields.
    public static func verify(_ entries: some Sequence<AuditEntry>) -> Verification {
        var previous: AuditEntry?
        var count = 0
        for entry in entries {
            let expectedSequence = (previous?.sequence ?? 0) + 1
            if entry.sequence != expectedSequence {
                return .broken(sequence: entry.sequence, reason: "expected entry \(expectedSequence); entries are missing or reordered")
            }
            if entry.previousHash != (previous?.hash ?? genesis) {
                return .broken(sequence: entry.sequence, reason: "does not link to the previous entry's hash")
            }
            if hash(of: entry) != entry.hash {
                return .broken(sequence: entry.sequence, reason: "its contents do not match its hash (altered)")
            }
            previous = entry
            count += 1
        }
        return .intact(entries: count)
    }

    /// Checks the entries of one page (possibly filtered, so not contiguous): each entry's hash
    /// matches its fields, and each entry that directly follows another on the page links to it.
    /// Cheap enough for every read; the whole chain is verified by `verify`.
    public static func verifyPage(_ entries: [AuditEntry]) -> Verification {
        var previous: AuditEntry?
        for entry in entries {
            if hash(of: entry) != entry.hash {
                return .broken(sequence: entry.sequence, reason: "its contents do not match its hash (altered)")
            }
            if let previous, entry.sequence == previous.sequence + 1, entry.previousHash != previous.hash {
                return .broken(sequence: entry.sequence, reason: "does not link to the previous entry's hash")
            }
            previous = entry
        }
        return .intact(entries: entries.count)
    }
}
