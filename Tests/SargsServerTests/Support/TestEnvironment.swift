import Foundation

/// What the server tests take from their environment, and where the repository's files are.
enum TestEnvironment {
    /// `SARGS_TEST_DATABASE_URL`: run on this PostgreSQL server (a fresh database per test) instead of SQLite.
    static let postgresURL = ProcessInfo.processInfo.environment["SARGS_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// One fixed master key: the PostgreSQL template records its check value, so every copy accepts it.
    static let masterKey = "c2FyZ3MtdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzISE="

    /// The repository root (this file is `Tests/SargsServerTests/Support/TestEnvironment.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of a file in the repository, e.g. `examples/coral-club.yaml` (an absolute path is kept).
    static func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : repositoryRoot.appendingPathComponent(relative).path
    }

    /// A new, not yet existing directory under the system's temporary directory.
    static func temporaryDirectory(_ prefix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }
}
