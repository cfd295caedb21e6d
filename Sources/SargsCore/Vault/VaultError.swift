/// Why a vault operation failed. Messages never contain personal data or key material.
public enum VaultError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A master key must be exactly 32 bytes (AES-256).
    case invalidMasterKeyLength(Int)
    case invalidMasterKeyEncoding
    /// The master key does not match the one the data was written with.
    case masterKeyMismatch(expected: String, actual: String)
    /// A sealed value or wrapped key could not be authenticated: wrong key, wrong subject
    /// or category bound as associated data, or tampered bytes.
    case authenticationFailed
    case unsupportedFormat(UInt8)
    case malformedCiphertext

    public var description: String {
        switch self {
        case .invalidMasterKeyLength(let count): return "the master key must be 32 bytes, found \(count)"
        case .invalidMasterKeyEncoding: return "the master key is not valid base64"
        case .masterKeyMismatch(let expected, let actual):
            return "the master key does not match the data (key check value \(actual), data expects \(expected))"
        case .authenticationFailed:
            return "decryption failed: the value was not sealed with this key, subject and category"
        case .unsupportedFormat(let version): return "unsupported ciphertext format version \(version)"
        case .malformedCiphertext: return "the ciphertext is truncated or malformed"
        }
    }
}
