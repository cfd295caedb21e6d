import Foundation
import Logging
import SargsCore
import SargsKit

/// Obtains the master key: from `SARGS_MASTER_KEY`, or from `master.key` in the data directory,
/// which the embedded default creates on first start (mode 0600, with a warning to back it up).
/// The key is never written to the database; only its check value is.
public enum MasterKeyStore {
    public static func load(
        _ configuration: ServerConfiguration, logger: Logger
    ) throws(ConfigurationError) -> MasterKey {
        if let base64 = configuration.masterKeyBase64 {
            do { return try MasterKey(base64: base64) } catch {
                throw .masterKey("SARGS_MASTER_KEY: \(error.description)")
            }
        }
        let directory = configuration.dataDirectory
        let path = (directory as NSString).appendingPathComponent("master.key")
        let files = FileManager.default
        if files.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .masterKey("cannot read \(path)")
            }
            do { return try MasterKey(base64: text) } catch { throw .masterKey("\(path): \(error.description)") }
        }
        if case .postgres = configuration.storage {
            throw .masterKey(
                "no SARGS_MASTER_KEY and no \(path); with PostgreSQL the key must be provided, never generated")
        }
        do {
            try files.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let key = MasterKey.generate()
            guard
                files.createFile(
                    atPath: path, contents: Data((key.base64 + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else {
                throw ConfigurationError.masterKey("cannot create \(path)")
            }
            logger.warning(
                "generated a new master key",
                metadata: [
                    "file": .string(path),
                    "advice": "back this file up apart from the database: without it the data cannot be read",
                ])
            return key
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw .masterKey("cannot create \(directory): \(error.localizedDescription)")
        }
    }
}
