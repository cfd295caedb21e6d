import Crypto
import Foundation

/// The newest entry of the audit chain at a moment — its sequence number and hash — signed with
/// the installation's Ed25519 audit key (`AuditChainKey`) and kept outside the database.
///
/// The hash of an entry covers every entry before it, so a head pins the whole chain up to it:
/// entries removed from the end (truncation) or a chain rewritten from an earlier entry on are
/// seen even when the rewritten chain is consistent in itself. Entries written after the last
/// head are covered only once the next head is signed.
public struct AuditHead: Sendable, Hashable, Codable {
    /// The format of the signed text; a head of another format does not verify.
    public static let currentFormat = "sargs-audit-head-v1"

    /// `currentFormat`; signed with the fields, so a head cannot be read under another format.
    public var format: String
    /// The sequence number of the newest entry when the head was signed.
    public var sequence: Int64
    /// That entry's hash (for keyed entries, its HMAC), in lower-case hex.
    public var hash: String
    /// When the head was signed: milliseconds since 1970-01-01T00:00:00Z (an integer, signed exactly).
    public var timeMilliseconds: Int64
    /// The Ed25519 signature of `format`, `sequence`, `hash` and `timeMilliseconds`, in base64.
    public var signature: String
    /// The raw 32-byte Ed25519 public key, in base64: anyone can check the signature with it, and
    /// Sargs also checks that it is the key its master key derives.
    public var publicKey: String

    public var time: Date { Date(timeIntervalSince1970: Double(timeMilliseconds) / 1000) }

    enum CodingKeys: String, CodingKey {
        case format, sequence, hash, timeMilliseconds = "time_ms", signature, publicKey = "public_key"
    }

    public init(
        format: String = AuditHead.currentFormat, sequence: Int64, hash: String, timeMilliseconds: Int64,
        signature: String,
        publicKey: String
    ) {
        self.format = format
        self.sequence = sequence
        self.hash = hash
        self.timeMilliseconds = timeMilliseconds
        self.signature = signature
        self.publicKey = publicKey
    }

    /// The bytes the signature covers: the format and the fields, each length-prefixed.
    static func signedBytes(
        format: String = AuditHead.currentFormat, sequence: Int64, hash: String, timeMilliseconds: Int64
    ) -> Data {
        Data(AuditChain.canonical([format, String(sequence), hash, String(timeMilliseconds)]))
    }

    /// What is wrong with this head, or nil when its signature verifies under the public key it
    /// names and, given `key`, that public key is the one `key` derives.
    public func problem(for key: AuditChainKey?) -> String? {
        guard format == Self.currentFormat else { return "has an unknown format" }
        if let key {
            guard let expected = try? key.publicKeyBase64() else {
                return "cannot be checked: the audit key could not be derived"
            }
            guard publicKey == expected else { return "was not signed with this installation's audit key" }
        }
        guard let keyBytes = Data(base64Encoded: publicKey),
            let verifying = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
        else {
            return "names a malformed public key"
        }
        guard let signatureBytes = Data(base64Encoded: signature),
            verifying.isValidSignature(
                signatureBytes,
                for: Self.signedBytes(
                    format: format, sequence: sequence, hash: hash,
                    timeMilliseconds: timeMilliseconds))
        else {
            return "has a signature that does not verify (forged or altered)"
        }
        return nil
    }
}
