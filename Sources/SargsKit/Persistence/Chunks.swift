/// The most ids one `IN (…)` list or multi-row insert carries: within the parameter limits of
/// SQLite and PostgreSQL whatever the row width.
public let databaseChunkSize = 500

extension Array {
    /// The elements in consecutive chunks of at most `size` (default `databaseChunkSize`).
    public func chunked(by size: Int = databaseChunkSize) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
