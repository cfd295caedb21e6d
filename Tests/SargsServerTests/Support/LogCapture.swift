import Logging
import Synchronization

/// Every log line the application wrote, to prove no personal value reaches the logs.
final class LogStore: Sendable {
    private let lines = Mutex<[String]>([])

    /// Records one formatted line.
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// Every line so far, one per line.
    var all: String { lines.withLock { $0.joined(separator: "\n") } }
}

/// A log handler that writes every event, at every level, with its metadata into a `LogStore`.
struct CapturingLogHandler: LogHandler {
    let store: LogStore
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)")
    }
}

extension Logger {
    /// A logger whose lines all land in `store`.
    static func capturing(into store: LogStore, label: String = "sargs-test") -> Logger {
        Logger(label: label) { _ in CapturingLogHandler(store: store) }
    }
}
