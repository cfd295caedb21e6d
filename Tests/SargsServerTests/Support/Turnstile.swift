import Synchronization

/// Lets one operation at a time run, in arrival order, and holds the turn across suspensions
/// (an actor alone would let the next caller in at every `await`).
final class OneAtATime: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Runs `operation` once every earlier one has finished, in the caller's isolation.
    func run<T>(isolation: isolated (any Actor)? = #isolation, _ operation: () async throws -> T) async rethrows -> T {
        await takeTurn()
        defer { passTurn() }
        return try await operation()
    }

    private func takeTurn() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mayGo = state.withLock { state in
                if state.busy {
                    state.waiting.append(continuation)
                    return false
                }
                state.busy = true
                return true
            }
            if mayGo { continuation.resume() }
        }
    }

    /// Hands the turn to the longest waiting caller, or frees it.
    private func passTurn() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
