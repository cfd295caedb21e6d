import Fluent
@testable import SargsKit
import Testing
import Vapor
@testable import SargsServer

/// Runs an application's background jobs once, as `sargs serve` does every few seconds.
///
/// Runs take turns across every test in the process: each run sets the process-wide overdue
/// gauge from its own database, so a test reading the gauge must read it in its run's turn.
enum BackgroundRuns {
    private static let turns = Turnstile()

    /// Delivers due messages and counts overdue requests; returns how many messages were delivered.
    @discardableResult
    static func runOnce(_ app: Application, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let jobs = try #require(
            app.backgroundJobs, "the application has no background jobs", sourceLocation: sourceLocation)
        return try await turns.run { try await jobs.runOnce(on: app.db) }
    }

    /// One run, then the Prometheus exposition as that run left it (no other run in between).
    static func runOnceReadingMetrics(
        _ app: Application, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let jobs = try #require(
            app.backgroundJobs, "the application has no background jobs", sourceLocation: sourceLocation)
        return try await turns.run {
            try await jobs.runOnce(on: app.db)
            return ServerMetrics.exposition()
        }
    }
}
