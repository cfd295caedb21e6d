import Fluent
import Foundation
import SargsCore

/// What every service needs, built once at start and passed in explicitly: the policy and the
/// rules derived from it, the master key, the audit log, the clock and the in-process caches.
public struct SargsContext: Sendable {
    /// The policy version in force and those scheduled (`sargs policy publish`).
    public let schedule: PolicySchedule
    public let masterKey: MasterKey
    public let audit: AuditLog
    /// Where the server reads the time (`ServerClock.system` outside tests).
    public let clock: ServerClock
    /// In-process decision facts; nil when another process may write (PostgreSQL).
    public let factsCache: DecisionFactsCache?
    /// Recently unwrapped subjects' data keys (a minute at most, in memory only).
    public let dataKeys = DataKeyCache()
    /// The public base URL of this server, for links in messages (no trailing slash).
    public let publicURL: String
    /// How long an export download link stays valid.
    public let exportLinkLifetime: TimeInterval
    /// Whether http:// (not only https://) endpoints are accepted for webhooks and transfers.
    public let allowInsecureURLs: Bool
    /// What each feature holds about subjects (`App/SubjectDataRegistry`): erasure and export walk it.
    public let subjectData: [any SubjectDataOwner]

    /// `audit`: the audit log, by default one keyed from `masterKey` with no head sink.
    public init(
        policy: Policy, masterKey: MasterKey, subjectData: [any SubjectDataOwner], clock: ServerClock = .system,
        audit: AuditLog? = nil, factsCache: DecisionFactsCache? = nil, publicURL: String = "http://127.0.0.1:8080",
        exportLinkLifetime: TimeInterval = 7 * 86_400, allowInsecureURLs: Bool = false
    ) throws {
        self.subjectData = subjectData
        self.allowInsecureURLs = allowInsecureURLs
        self.clock = clock
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.exportLinkLifetime = exportLinkLifetime
        self.masterKey = masterKey
        self.audit = audit ?? AuditLog(key: AuditChainKey(master: masterKey))
        self.factsCache = factsCache
        self.schedule = PolicySchedule(try PolicyRules(policy: policy)) { [factsCache] in factsCache?.invalidateAll() }
    }

    /// The policy version in force now and what derives from it: the one way to the rules. An
    /// operation takes it once, at its start, and passes it down, so a version switch cannot fall
    /// between two of its reads (the version recorded with a consent and the notice hash beside it).
    public var rules: PolicyRules { schedule.rules(at: clock.now) }

    /// Whether `text` is a URL personal data may be sent to.
    public func isAcceptableEndpoint(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme, url.host != nil else { return false }
        return scheme == "https" || (allowInsecureURLs && scheme == "http")
    }

    /// How a write deletes: `.securely` when it destroys personal values (erasure, retention,
    /// purges). The one secure-delete step: inside the transaction the connection overwrites what
    /// it deletes, and once the transaction has committed the SQLite log is emptied, so no page image
    /// of a deleted value stays on disk (`SecureDeletion`).
    public enum Deletion: Sendable {
        case none
        case securely
    }

    /// Runs `body` in one audited transaction that also bumps the facts version of every subject
    /// it names and, once it has committed, forgets their cached decision facts and data keys: the
    /// one path by which services change facts.
    public func write<T: Sendable>(
        on database: any Database, affecting subjects: [UUID] = [], deleting: Deletion = .none,
        _ body: @Sendable @escaping (any Database) async throws -> (T, [AuditChain.Draft])
    ) async throws -> T {
        let result = try await audit.perform(on: database) { transaction in
            if deleting == .securely { try await SecureDeletion.prepare(transaction) }
            let outcome = try await body(transaction)
            try await FactsVersions.bump(subjects, on: transaction)
            return outcome
        }
        forgetCached(subjects)
        if deleting == .securely { try await SecureDeletion.flush(database) }
        return result
    }

    /// Inserts new rows with the entries that record them, merged with concurrent operations' rows
    /// (`AuditLog.insert`), bumping the facts versions of `subjects` in the same transaction, and
    /// then forgets their cached facts and keys, as `write` does.
    public func insert(
        _ rows: [RowInsertion], recording drafts: [AuditChain.Draft], affecting subjects: [UUID] = [],
        on database: any Database
    ) async throws {
        try await audit.insert(rows, recording: drafts, bumping: subjects, on: database)
        forgetCached(subjects)
    }

    /// After a committed change: drops the cached facts, sealed values and data keys of `subjects`.
    private func forgetCached(_ subjects: [UUID]) {
        for subject in subjects { factsCache?.invalidate(subject) }
        dataKeys.forget(subjects)
    }
}
