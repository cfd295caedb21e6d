import Foundation
import SargsCore
#if canImport(Glibc)
import Glibc
#endif

/// Where the signed head of the audit chain is kept: outside the database, so that whoever can
/// write the database cannot also move the head back. The default is a file beside the master key
/// (`FileAuditHeadSink`); another sink — a write-once store, a remote log — can take its place.
public protocol AuditHeadSink: Sendable {
    /// Where the head is kept (a path, a URL), for messages.
    var location: String { get }
    /// The head stored last; nil when none has been stored yet. Throws `AuditHeadError.unreadable`
    /// when something is stored but is not a head.
    func latest() async throws -> AuditHead?
    /// Stores `head` in place of the previous one, all at once (a reader sees one or the other).
    func store(_ head: AuditHead) async throws
}

/// The signed head as a JSON file, by default `audit-head.json` in the data directory
/// (`SARGS_AUDIT_HEAD_FILE`), mode 0600, replaced atomically: written to a temporary file in the
/// same directory, then renamed over the old one.
public struct FileAuditHeadSink: AuditHeadSink {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var location: String { path }

    public func latest() async throws -> AuditHead? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditHeadError.unreadable(path, "cannot be read")
        }
        do {
            return try JSONDecoder().decode(AuditHead.self, from: data)
        } catch {
            throw AuditHeadError.unreadable(path, "is not a signed audit head")
        }
    }

    public func store(_ head: AuditHead) async throws {
        let files = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !files.fileExists(atPath: directory) {
            do {
                try files.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw AuditHeadError.unwritable(path)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(head) + Data("\n".utf8)
        let name = (path as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\(name).\(UUID().uuidString.prefix(8)).tmp")
        guard files.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw AuditHeadError.unwritable(path)
        }
        // rename(2) replaces the old file in one step: a crash leaves the old head or the new one.
        guard rename(temporary, path) == 0 else {
            try? files.removeItem(atPath: temporary)
            throw AuditHeadError.unwritable(path)
        }
    }
}

/// The signed head could not be read or written; the message names the place, never a value.
public enum AuditHeadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Something is stored at the place but it is not a signed head (edited, truncated, another file).
    case unreadable(String, String)
    case unwritable(String)

    public var description: String {
        switch self {
        case .unreadable(let location, let problem): return "the signed audit head \(location) \(problem)"
        case .unwritable(let location): return "the signed audit head cannot be written to \(location)"
        }
    }
}
