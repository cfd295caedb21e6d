import Foundation
import SargsCore

/// Expiring signed download links for access and portability packages:
/// `<request id>.<expiry, unix seconds>.<HMAC>` under a key derived from the master key.
/// The link names no person; the package is built when it is fetched, so no copy of the
/// data waits on disk.
enum ExportLinks {
    static func token(request: UUID, expires: Date, master: MasterKey) -> String {
        let seconds = Int(expires.timeIntervalSince1970)
        let message = "export|\(request.uuidString.lowercased())|\(seconds)"
        return "\(request.uuidString.lowercased()).\(seconds).\(master.authenticate(message, for: .signedLink))"
    }

    /// The request id of a valid, unexpired token.
    static func verify(_ token: String, master: MasterKey, now: Date) -> UUID? {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 3, let id = UUID(uuidString: parts[0]), let seconds = Int(parts[1]) else { return nil }
        guard master.isAuthentic("export|\(parts[0])|\(seconds)", mac: parts[2], for: .signedLink) else { return nil }
        guard now.timeIntervalSince1970 < Double(seconds) else { return nil }
        return id
    }
}
