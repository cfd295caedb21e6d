import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOHTTP1
import Synchronization

/// Errors that are not the request's fault nor a bug, answered with a clear problem instead of
/// `500 internal`: a full disk (507), and a client that went away mid-request (logged at debug).
public enum StorageFault {
    /// Whether the database refused a write because its disk is full (SQLite `SQLITE_FULL`,
    /// PostgreSQL `53100 disk_full`, or the file system's `ENOSPC` on the way).
    public static func isDiskFull(_ error: any Error) -> Bool {
        if let sqlite = error as? SQLiteError, case .full = sqlite.reason { return true }
        if let postgres = error as? PSQLError, postgres.serverInfo?[.sqlState] == "53100" { return true }
        if let posix = error as? POSIXError, posix.code == .ENOSPC { return true }
        return false
    }

    /// Whether the client closed or broke the connection before its request was read.
    public static func isClientAbort(_ error: any Error) -> Bool {
        error is HTTPParserError
    }

    private static let lastDiskFullLog = Mutex<Date?>(nil)

    /// Logs a full disk at most once a minute, however many requests meet it.
    public static func logDiskFull(_ logger: Logger, now: Date = ServerClock.system.now) {
        let due = lastDiskFullLog.withLock { last -> Bool in
            guard last.map({ now.timeIntervalSince($0) >= 60 }) ?? true else { return false }
            last = now
            return true
        }
        if due { logger.error("the database's disk is full: writes are refused with 507 until space is freed") }
    }
}
