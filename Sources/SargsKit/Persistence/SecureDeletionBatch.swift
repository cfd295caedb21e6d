import Fluent
import Foundation
import Synchronization

extension SecureDeletion {
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

    /// The log flushes of a long run of deleting transactions (a retention run, a bulk erasure),
    /// spaced out: after a transaction commits, the log is emptied when the last flush is at least
    /// `interval` old, or else `interval` after the last flush (a timer), and once more when the
    /// run ends (`finish`). A deleted value then stays in the log about `interval` at most after its
    /// transaction committed, instead of costing one flush per transaction.
    public final class Batch: Sendable {
        /// How long a deleted value may wait for the flush after its transaction committed.
        public let interval: Duration
        private let state = Mutex(State())

        private struct State {
            var lastFlush: ContinuousClock.Instant?
            /// A commit since the last flush.
            var pending = false
            /// The flush scheduled for a commit that came within the interval.
            var timer: Task<Void, Never>?
        }

        /// The time commits are measured by (a test's own, to be independent of the machine's load).
        private let now: @Sendable () -> ContinuousClock.Instant

        /// - Parameter interval: at most this long between a commit and the flush that follows it.
        public convenience init(interval: Duration = .seconds(1)) {
            self.init(interval: interval, now: { ContinuousClock.now })
        }

        init(interval: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant) {
            self.interval = interval
            self.now = now
        }

        /// After a deleting transaction committed: flushes when the last flush is `interval` old
        /// (or there was none yet); otherwise a flush is scheduled for when it is, so a run that then
        /// waits on something else (a company database, a processor) still flushes on time.
        func committed(on database: any Database) async throws {
            let now = self.now()
            let due = state.withLock { state -> Bool in
                if let last = state.lastFlush, last.duration(to: now) < interval {
                    state.pending = true
                    if state.timer == nil {
                        let wait = interval - last.duration(to: now)
                        state.timer = Task { [weak self] in
                            try? await Task.sleep(for: wait)
                            guard !Task.isCancelled else { return }
                            try? await self?.flushPending(on: database)
                        }
                    }
                    return false
                }
                state.lastFlush = now
                state.pending = false
                return true
            }
            if due { try await flush(on: database) }
        }

        /// Flushes what the last commits left, if anything: call it when the run ends, however it ends.
        public func finish(on database: any Database) async throws {
            state.withLock { $0.timer }?.cancel()
            try await flushPending(on: database)
        }

        private func flushPending(on database: any Database) async throws {
            let waiting = state.withLock { state -> Bool in
                state.timer = nil
                guard state.pending else { return false }
                state.pending = false
                state.lastFlush = self.now()
                return true
            }
            if waiting { try await flush(on: database) }
        }

        /// One flush; a flush that fails leaves its commits pending, for `finish` to try again.
        private func flush(on database: any Database) async throws {
            do {
                try await SecureDeletion.flush(database)
            } catch {
                state.withLock { $0.pending = true }
                throw error
            }
        }
    }
}
