import Synchronization

/// Lets at most `atOnce` operations run at a time, the others waiting in arrival order; an
/// operation keeps its place across suspensions (an actor alone would let the next caller in at
/// every `await`).
final class Turnstile: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let atOnce: Int
    private let state = Mutex(State())

    init(atOnce: Int = 1) {
        precondition(atOnce > 0, "a turnstile must let someone through")
        self.atOnce = atOnce
    }

    /// Runs `operation` once there is room, in the caller's isolation.
    func run<T>(isolation: isolated (any Actor)? = #isolation, _ operation: () async throws -> T) async rethrows -> T {
        await enter()
        defer { leave() }
        return try await operation()
    }

    private func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mayGo = state.withLock { state in
                guard state.running < atOnce else {
                    state.waiting.append(continuation)
                    return false
                }
                state.running += 1
                return true
            }
            if mayGo { continuation.resume() }
        }
    }

    /// Hands the place to the longest waiting caller, or frees it.
    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
