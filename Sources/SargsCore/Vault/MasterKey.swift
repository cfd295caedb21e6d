import Crypto
import Foundation

/// The root secret of a Sargs installation. It never touches the database: it wraps one data
/// key per subject and keys the blind index. Purpose-specific keys are derived with HKDF-SHA256,
/// so the same secret is never used for two jobs.
public struct MasterKey: Sendable {
    let secret: SymmetricKey
    /// Wraps and unwraps subjects' data keys (AES-256-GCM).
    let wrappingKey: SymmetricKey
    /// Keys the HMAC blind index of e-mail addresses and phone numbers.
    let blindIndexKey: SymmetricKey
    /// Keys the key check value.
    let checkKey: SymmetricKey

    /// A new random master key.
    public static func generate() -> MasterKey {
        MasterKey(secret: SymmetricKey(size: .bits256))
    }

    /// A master key from its 32 raw bytes.
    public init(rawBytes: some DataProtocol) throws(VaultError) {
        let bytes = Array(rawBytes)
        guard bytes.count == 32 else { throw .invalidMasterKeyLength(bytes.count) }
        self.init(secret: SymmetricKey(data: bytes))
    }

    /// A master key from base64 text, as kept in `SARGS_MASTER_KEY` or a key file.
    public init(base64: String) throws(VaultError) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .invalidMasterKeyEncoding
        }
        try self.init(rawBytes: data)
    }

    init(secret: SymmetricKey) {
        self.secret = secret
        wrappingKey = Self.derive(secret, "sargs/data-key-wrapping/v1")
        blindIndexKey = Self.derive(secret, "sargs/blind-index/v1")
        checkKey = Self.derive(secret, "sargs/key-check/v1")
    }

    static func derive(_ secret: SymmetricKey, _ info: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret, salt: Data("sargs".utf8), info: Data(info.utf8), outputByteCount: 32)
    }

    /// The key in base64, for writing the key file once.
    public var base64: String {
        secret.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// A short public fingerprint stored beside the data: a server refuses to start when its
    /// key's check value differs, instead of failing on the first read.
    public var checkValue: String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("sargs key check value".utf8), using: checkKey)
        return Data(mac).prefix(8).hex
    }

    /// Throws `masterKeyMismatch` unless this key produced `storedCheckValue`.
    public func verify(checkValue storedCheckValue: String) throws(VaultError) {
        let actual = checkValue
        guard actual == storedCheckValue else { throw .masterKeyMismatch(expected: storedCheckValue, actual: actual) }
    }
}
