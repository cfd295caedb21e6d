import Fluent
import Foundation
import Synchronization

extension SecureDeletion {
    /// The log flushes of a long run of deleting transactions (a retention run, a bulk erasure),
    /// spaced out: after a transaction commits, the log is emptied only when the last flush is at
    /// least `interval` old, and the run flushes once more when it ends (`finish`). A deleted value
    /// then stays on disk at most `interval` after its transaction committed, or until the run
    /// ends, instead of costing one flush per transaction.
    /// Runs `body` with a new batch and flushes what it left when `body` returns or throws.
    public static func batched<T: Sendable>(
        on database: any Database, interval: Duration = .seconds(1), _ body: (Batch) async throws -> T
    ) async throws -> T {
        let batch = Batch(interval: interval)
        do {
            let result = try await body(batch)
            try await batch.finish(on: database)
            return result
        } catch {
            try? await batch.finish(on: database)
            throw error
        }
    }

    public final class Batch: Sendable {
        /// How long a deleted value may wait for the flush after its transaction committed.
        public let interval: Duration
        private let state = Mutex(State())

        private struct State {
            var lastFlush: ContinuousClock.Instant?
            /// A commit since the last flush.
            var pending = false
        }

        /// - Parameter interval: at most this long between a commit and the flush that follows it.
        public init(interval: Duration = .seconds(1)) {
            self.interval = interval
        }

        /// After a deleting transaction committed: flushes when the last flush is `interval` old
        /// (or there was none yet), otherwise leaves it to a later commit or `finish`.
        func committed(on database: any Database) async throws {
            let now = ContinuousClock.now
            let due = state.withLock { state in
                if let last = state.lastFlush, last.duration(to: now) < interval {
                    state.pending = true
                    return false
                }
                state.lastFlush = now
                state.pending = false
                return true
            }
            if due { try await SecureDeletion.flush(database) }
        }

        /// Flushes what the last commits left, if anything: call it when the run ends, however it ends.
        public func finish(on database: any Database) async throws {
            let waiting = state.withLock { state in
                defer { state.pending = false }
                return state.pending
            }
            if waiting { try await SecureDeletion.flush(database) }
        }
    }
}
