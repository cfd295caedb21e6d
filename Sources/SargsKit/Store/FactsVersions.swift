import Fluent
import Foundation
import SQLKit

/// Each subject's `facts_version`: bumped in the transaction of every write that changes the
/// subject's decision facts or values, read before the facts a cache keeps, so a cached entry
/// is served only while no instance has changed the subject since (`DecisionFactsCache`).
public enum FactsVersions {
    /// The subjects' table, which carries the `facts_version` column.
    public static let table = "subjects"

    /// Adds one to the version of each of `subjects` (in the caller's transaction).
    public static func bump(_ subjects: [UUID], on database: any Database) async throws {
        guard !subjects.isEmpty else { return }
        let sql = try JobLease.sql(database)
        for chunk in Array(Set(subjects)).chunked() {
            try await sql.raw(
                """
                UPDATE \(ident: Self.table) SET facts_version = facts_version + 1 WHERE id IN (\(binds: chunk))
                """
            ).run()
        }
    }

    /// The current version of each of `subjects` that exists.
    public static func current(of subjects: [UUID], on database: any Database) async throws -> [UUID: Int] {
        var versions: [UUID: Int] = [:]
        let sql = try JobLease.sql(database)
        for chunk in subjects.chunked() {
            for row in try await sql.raw(
                """
                SELECT id, facts_version FROM \(ident: Self.table) WHERE id IN (\(binds: chunk))
                """
            ).all() {
                versions[try row.decode(column: "id", as: UUID.self)] = try row.decode(
                    column: "facts_version", as: Int.self)
            }
        }
        return versions
    }
}
