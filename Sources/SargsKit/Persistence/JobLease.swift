import Fluent
import Foundation
import SQLKit
#if canImport(Glibc)
import Glibc
#endif

/// A lease on a named job in the database, so that one process at a time runs it — a server and a
/// `sargs` command beside it, or several server instances on one PostgreSQL. The holder renews it
/// while it works; another process may take it over once it has expired, or at once when the
/// holder was a process on the same host that no longer exists (killed mid-run). Expiry compares
/// each process's own clock, so instances' clocks must agree (NTP); and processes on one host name
/// must share a PID namespace, or one would take another's live lease for a dead one.
public struct JobLease: Sendable {
    public let name: String
    /// `host:pid:random`, unique per lease taken.
    public let holder: String
    /// How long a lease lasts without renewal.
    public let lifetime: TimeInterval

    public init(name: String, lifetime: TimeInterval = 120) {
        self.name = name
        self.lifetime = lifetime
        self.holder = "\(Self.hostName):\(getpid()):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Takes the lease; false when another live process holds it.
    public func acquire(at now: Date, on database: any Database) async throws -> Bool {
        let sql = try Self.sql(database)
        let table = JobLeaseModel.schema
        try await sql.raw(
            """
            INSERT INTO \(ident: table) (name, holder, expires_at) \
            VALUES (\(bind: name), '', \(bind: now.addingTimeInterval(-1)))
            ON CONFLICT (name) DO NOTHING
            """
        ).run()
        if try await takeFree(at: now, on: sql) { return true }
        guard let current = try await JobLeaseModel.find(name, on: database), Self.isGone(current.holder) else {
            return false
        }
        return try await takeOver(from: current.holder, at: now, on: sql)
    }

    /// Extends the lease; false when it was lost (expired and taken by another process).
    public func renew(at now: Date, on database: any Database) async throws -> Bool {
        try await takeOver(from: holder, at: now, on: try Self.sql(database))
    }

    /// Gives the lease up.
    public func release(on database: any Database) async throws {
        try await JobLeaseModel.query(on: database).filter(\.$id == name).filter(\.$holder == holder).delete()
    }

    /// Becomes the holder where the lease has expired (or is already this process's).
    private func takeFree(at now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let rows = try await sql.raw(
            """
            UPDATE \(ident: JobLeaseModel.schema) SET holder = \(bind: holder), \
            expires_at = \(bind: now.addingTimeInterval(lifetime))
            WHERE name = \(bind: name) AND (expires_at < \(bind: now) OR holder = \(bind: holder)) RETURNING name
            """
        ).all()
        return !rows.isEmpty
    }

    /// Becomes the holder where `previous` holds the lease (a renewal when it is this process).
    private func takeOver(from previous: String, at now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let rows = try await sql.raw(
            """
            UPDATE \(ident: JobLeaseModel.schema) SET holder = \(bind: holder), \
            expires_at = \(bind: now.addingTimeInterval(lifetime))
            WHERE name = \(bind: name) AND holder = \(bind: previous) RETURNING name
            """
        ).all()
        return !rows.isEmpty
    }

    /// Whether `holder` names a process of this host that has ended.
    public static func isGone(_ holder: String) -> Bool {
        let parts = holder.split(separator: ":")
        guard parts.count == 3, parts[0] == hostName, let pid = pid_t(parts[1]) else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    public static let hostName: String = ProcessInfo.processInfo.hostName.replacingOccurrences(of: ":", with: "-")

    public static func sql(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw JobLeaseError.notSQL }
        return sql
    }

    public enum JobLeaseError: Error { case notSQL }
}
