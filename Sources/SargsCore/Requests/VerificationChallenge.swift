import Crypto
import Foundation

/// E-mail one-time-code verification of a requester (GDPR Art. 12(6): reasonable doubts about
/// identity may be resolved by asking for what confirms it).
///
/// Codes are 6 random digits, valid for 15 minutes, with 5 attempts; only a keyed HMAC of the
/// code is stored, bound to its challenge, so a database copy reveals no code and a hash cannot be
/// replayed on another challenge.
public struct VerificationChallenge: Sendable, Hashable {
    public static let digits = 6
    public static let lifetime: TimeInterval = 15 * 60
    public static let maximumAttempts = 5

    public var id: UUID
    public var codeHash: String
    public var expiresAt: Date
    /// Wrong codes entered so far.
    public var failedAttempts: Int
    public var verifiedAt: Date?

    public init(id: UUID, codeHash: String, expiresAt: Date, failedAttempts: Int = 0, verifiedAt: Date? = nil) {
        self.id = id
        self.codeHash = codeHash
        self.expiresAt = expiresAt
        self.failedAttempts = failedAttempts
        self.verifiedAt = verifiedAt
    }

    /// A new challenge and its code; the code goes to the requester only, never to storage.
    public static func issue(
        id: UUID = UUID(), at now: Date, with master: MasterKey
    ) -> (challenge: VerificationChallenge, code: String) {
        var generator = SystemRandomNumberGenerator()
        let code = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
        let challenge = VerificationChallenge(
            id: id, codeHash: hash(code, challenge: id, with: master),
            expiresAt: now.addingTimeInterval(lifetime))
        return (challenge, code)
    }

    /// The stored form of a code.
    public static func hash(_ code: String, challenge: UUID, with master: MasterKey) -> String {
        master.authenticate("\(challenge.uuidString)|\(code)", for: .verificationCode)
    }

    /// The result of entering a code.
    public enum Outcome: Sendable, Hashable {
        case verified
        /// Wrong code; `remaining` attempts are left.
        case wrongCode(remaining: Int)
        /// Too many wrong codes: the challenge is dead; a new code must be requested.
        case lockedOut
        case expired
        /// Already verified earlier.
        case alreadyVerified
    }

    /// Checks a code, counting the attempt. A locked or expired challenge never verifies, even with the right code.
    public mutating func attempt(_ code: String, at now: Date, with master: MasterKey) -> Outcome {
        if verifiedAt != nil { return .alreadyVerified }
        if failedAttempts >= Self.maximumAttempts { return .lockedOut }
        if now >= expiresAt { return .expired }
        let candidate = Self.hash(code.trimmingCharacters(in: .whitespaces), challenge: id, with: master)
        // Compare MACs in constant time.
        if Data(candidate.utf8).withUnsafeBytes({ a in Data(codeHash.utf8).withUnsafeBytes { b in safeCompare(a, b) } })
        {
            verifiedAt = now
            return .verified
        }
        failedAttempts += 1
        return failedAttempts >= Self.maximumAttempts
            ? .lockedOut : .wrongCode(remaining: Self.maximumAttempts - failedAttempts)
    }
}

/// Constant-time equality of two byte buffers of equal length.
func safeCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<a.count { difference |= a[index] ^ b[index] }
    return difference == 0
}
