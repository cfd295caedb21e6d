/// Public answers that reveal nothing through their timing.
///
/// A sign-in or request form does more work for an address on file (a message sealed and queued)
/// than for an unknown one, and that difference was measurable from one request (security review
/// R5: +0.72 ms, classified correctly 92 % of the time). Wrapped in ``padded(_:_:)``, the answer
/// leaves no earlier than a floor well above the work's own time, whatever the address and
/// whether the work succeeded or threw; the wait suspends the task and holds no thread.
enum UniformTiming {
    /// The floor: above the p99 of the work on a loaded machine, well below what a person notices.
    static let floor: Duration = .milliseconds(60)

    /// Runs `work`, then waits until `floor` has passed since the start, and returns or rethrows.
    static func padded<Value: Sendable>(
        _ floor: Duration = floor, _ work: () async throws -> Value
    ) async throws -> Value {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: floor)
        let result: Result<Value, any Error>
        do { result = .success(try await work()) } catch { result = .failure(error) }
        try? await clock.sleep(until: deadline)
        return try result.get()
    }
}
