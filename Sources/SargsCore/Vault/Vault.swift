import Crypto
import Foundation

/// A subject's own random data key, in the clear only while in use.
public struct DataKey: Sendable {
    let key: SymmetricKey

    /// A new random 256-bit data key.
    public static func generate() -> DataKey { DataKey(key: SymmetricKey(size: .bits256)) }
}

/// Envelope encryption of personal data (ARCHITECTURE.md, "Vault encryption").
///
/// Each subject has a random data key, stored only wrapped by the master key with the subject's
/// id bound as associated data. Each value is sealed with AES-256-GCM under the subject's key
/// with the subject id and the data category bound as associated data, so a ciphertext copied to
/// another subject or category fails to open. Nonces are always random (96 bits, per seal).
/// Destroying the wrapped data key makes every value of the subject unreadable, including
/// copies in backups (crypto-shredding).
public enum Vault {
    /// The first byte of every ciphertext, so the format can evolve.
    static let formatVersion: UInt8 = 1

    /// Wraps a data key for storage.
    public static func wrap(_ dataKey: DataKey, subject: UUID, with master: MasterKey) throws -> Data {
        let raw = dataKey.key.withUnsafeBytes { Data($0) }
        return try seal(raw, associatedData: "sargs/data-key/v1|\(subject.uuidString)", key: master.wrappingKey)
    }

    /// Unwraps a stored data key.
    public static func unwrap(_ wrapped: Data, subject: UUID, with master: MasterKey) throws(VaultError) -> DataKey {
        let raw = try open(wrapped, associatedData: "sargs/data-key/v1|\(subject.uuidString)", key: master.wrappingKey)
        return DataKey(key: SymmetricKey(data: raw))
    }

    /// Re-wraps a data key under a new master key without touching any value (key rotation).
    public static func rewrap(_ wrapped: Data, subject: UUID, from old: MasterKey, to new: MasterKey) throws -> Data {
        try wrap(try unwrap(wrapped, subject: subject, with: old), subject: subject, with: new)
    }

    /// Seals one personal-data value.
    public static func seal(_ value: String, category: String, subject: UUID, with dataKey: DataKey) throws -> Data {
        try seal(Data(value.utf8), associatedData: valueContext(category: category, subject: subject), key: dataKey.key)
    }

    /// Opens one personal-data value; fails unless subject and category match the seal.
    public static func open(
        _ sealed: Data, category: String, subject: UUID, with dataKey: DataKey
    ) throws(VaultError) -> String {
        let raw = try open(sealed, associatedData: valueContext(category: category, subject: subject), key: dataKey.key)
        guard let text = String(data: raw, encoding: .utf8) else { throw .malformedCiphertext }
        return text
    }

    static func valueContext(category: String, subject: UUID) -> String {
        "sargs/value/v1|\(subject.uuidString)|\(category)"
    }

    static func seal(_ plaintext: Data, associatedData: String, key: SymmetricKey) throws -> Data {
        let box = try AES.GCM.seal(
            plaintext, using: key, nonce: AES.GCM.Nonce(), authenticating: Data(associatedData.utf8))
        guard let combined = box.combined else { throw VaultError.malformedCiphertext }
        return Data([formatVersion]) + combined
    }

    static func open(_ sealed: Data, associatedData: String, key: SymmetricKey) throws(VaultError) -> Data {
        guard let version = sealed.first else { throw .malformedCiphertext }
        guard version == formatVersion else { throw .unsupportedFormat(version) }
        // 12-byte nonce + 16-byte tag at least.
        guard sealed.count >= 1 + 12 + 16 else { throw .malformedCiphertext }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst())
            return try AES.GCM.open(box, using: key, authenticating: Data(associatedData.utf8))
        } catch {
            throw .authenticationFailed
        }
    }
}
