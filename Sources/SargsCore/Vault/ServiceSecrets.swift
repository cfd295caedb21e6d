import Crypto
import Foundation

/// Secrets Sargs derives from the master key for jobs other than sealing subjects' values,
/// each under its own HKDF label so no key serves two jobs.
public enum ServiceKeyPurpose: String, Sendable, CaseIterable {
    /// HMAC of one-time verification codes.
    case verificationCode = "sargs/verification-code/v1"
    /// HMAC of expiring download links.
    case signedLink = "sargs/signed-link/v1"
    /// HMAC of requesters' addresses and IP addresses for rate limits.
    case rateLimit = "sargs/rate-limit/v1"
    /// HMAC of console staff addresses, to find a member without unsealing every row.
    case staffIndex = "sargs/staff-index/v1"
    /// AES-GCM sealing of service data: outbox payloads, webhook secrets, request contacts.
    case serviceSealing = "sargs/service-sealing/v1"
}

extension MasterKey {
    /// The derived key for a purpose.
    func serviceKey(_ purpose: ServiceKeyPurpose) -> SymmetricKey {
        Self.derive(secret, purpose.rawValue)
    }

    /// HMAC-SHA256 of `message` under the purpose's key, as lower-case hex.
    public func authenticate(_ message: String, for purpose: ServiceKeyPurpose) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: serviceKey(purpose))
        return Data(mac).hex
    }

    /// Whether `mac` is the HMAC of `message` for the purpose (constant-time).
    public func isAuthentic(_ message: String, mac: String, for purpose: ServiceKeyPurpose) -> Bool {
        let expected = Data(authenticate(message, for: purpose).utf8)
        return expected.withUnsafeBytes { a in Data(mac.utf8).withUnsafeBytes { b in safeCompare(a, b) } }
    }
}

extension Vault {
    /// Seals service data (not a subject's vault value) under the service key, bound to `context`.
    public static func sealService(_ plaintext: Data, context: String, with master: MasterKey) throws -> Data {
        try seal(plaintext, associatedData: "sargs/service/v1|\(context)", key: master.serviceKey(.serviceSealing))
    }

    /// Opens service data sealed with the same `context`.
    public static func openService(_ sealed: Data, context: String, with master: MasterKey) throws(VaultError) -> Data {
        try open(sealed, associatedData: "sargs/service/v1|\(context)", key: master.serviceKey(.serviceSealing))
    }
}
