import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// The one step a processor's report takes on a waiting row (a request's system, a retention
/// order): its progress moved from the value it was read with to the reported one, in the
/// caller's transaction, only if nobody moved it meanwhile — so a callback and a poll that read
/// the same row never both apply a report.
enum ProgressClaim {
    /// Returns whether this caller moved the row (and may record what the report means).
    static func claim(
        _ table: String, id: UUID, readProgress: String?, to progress: OpenDSRProgress, at now: Date,
        on database: any Database
    ) async throws -> Bool {
        let read: SQLQueryString = readProgress.map { "progress = \(bind: $0)" } ?? "progress IS NULL"
        return try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: table) SET progress = \(bind: progress.wire), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND status = 'waiting' AND \(read) RETURNING id
            """
        ).first() != nil
    }
}
