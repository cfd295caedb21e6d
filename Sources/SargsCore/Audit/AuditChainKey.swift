import Crypto
import Foundation

/// The audit chain's keys, derived from the master key with HKDF under labels of their own, so
/// there is no new secret to keep: an HMAC-SHA256 key that chains the entries (chain version 2)
/// and an Ed25519 key that signs the chain's head (`AuditHead`).
///
/// Whoever holds the master key can still write a chain that verifies; what the keys stop is
/// someone who can write the database (or a copy of it) but has not the master key.
public struct AuditChainKey: Sendable {
    /// Keys the HMAC of every version-2 entry.
    let macKey: SymmetricKey
    /// The 32-byte Ed25519 seed of the head-signing key.
    private let signingSeed: SymmetricKey

    public init(master: MasterKey) {
        macKey = MasterKey.derive(master.secret, "sargs/audit-chain/v2")
        signingSeed = MasterKey.derive(master.secret, "sargs/audit-head-signing/v1")
    }

    /// The Ed25519 key that signs heads; the same for every process given the same master key.
    func signingKey() throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: signingSeed.withUnsafeBytes { Data($0) })
    }

    /// The public half of the head-signing key: anyone can check a signed head with it.
    public func publicKey() throws -> Curve25519.Signing.PublicKey {
        try signingKey().publicKey
    }

    /// The public key's raw 32 bytes in base64, as a signed head names it.
    public func publicKeyBase64() throws -> String {
        try publicKey().rawRepresentation.base64EncodedString()
    }

    /// Signs the chain's newest entry (`sequence`, `hash`) as of `time`.
    public func signHead(sequence: Int64, hash: String, at time: Date) throws -> AuditHead {
        let milliseconds = Int64((time.timeIntervalSince1970 * 1000).rounded())
        let key = try signingKey()
        let signature = try key.signature(
            for: AuditHead.signedBytes(sequence: sequence, hash: hash, timeMilliseconds: milliseconds))
        return AuditHead(
            sequence: sequence, hash: hash, timeMilliseconds: milliseconds, signature: signature.base64EncodedString(),
            publicKey: key.publicKey.rawRepresentation.base64EncodedString())
    }
}
