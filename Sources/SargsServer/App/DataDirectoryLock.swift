import Foundation
#if canImport(Glibc)
import Glibc
import SargsKit
#endif

/// One process at a time changes an embedded SQLite data directory: `sargs serve`, or a command
/// that changes subjects (retention run, import, erase). The server keeps subjects' facts in
/// memory on the understanding that nobody else writes them, so a second writer is refused with a
/// message naming the holder, not left to corrupt that understanding.
///
/// An advisory `flock` on `<data directory>/sargs.lock`: the kernel drops it when the process
/// ends, however it ends, so a crash leaves no stale lock. PostgreSQL needs none (its caches check
/// versions, and several instances may run).
public final class DataDirectoryLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock for `holder` (what the process is, e.g. `sargs serve on 127.0.0.1:8080`);
    /// nil when the storage is PostgreSQL.
    public static func acquire(
        _ configuration: ServerConfiguration, holder: String
    ) throws(ConfigurationError) -> DataDirectoryLock? {
        guard case .sqlite = configuration.storage else { return nil }
        try? FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let path = (configuration.dataDirectory as NSString).appendingPathComponent("sargs.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .invalid("data directory", "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let current =
                (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? ""
            close(descriptor)
            throw .dataDirectoryInUse(configuration.dataDirectory, current.isEmpty ? "another Sargs process" : current)
        }
        let line = "pid \(getpid()): \(holder)\n"
        _ = ftruncate(descriptor, 0)
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
        return DataDirectoryLock(descriptor: descriptor)
    }
}
