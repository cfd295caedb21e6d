import Synchronization

/// Runs bodies one at a time across the whole test process: the tests that start a real HTTP
/// server on loopback (the OpenDSR processor) take turns. Swift's runtime has crashed (a null
/// metadata pointer in `__swift_instantiateConcreteTypeFromMangledName`, under Vapor's
/// `addVaporHTTP1Handlers`) when several such servers took their first connections at the same
/// moment in a fully parallel run.
final class OneAtATime: Sendable {
    static let loopbackServers = OneAtATime()

    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func run<T>(_ body: () async throws -> T) async throws -> T {
        await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                guard state.busy else {
                    state.busy = true
                    return true
                }
                state.waiting.append(turn)
                return false
            }
            if now { turn.resume() }
        }
        defer {
            let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard !state.waiting.isEmpty else {
                    state.busy = false
                    return nil
                }
                return state.waiting.removeFirst()
            }
            next?.resume()
        }
        return try await body()
    }
}
