import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238) over HMAC-SHA1, as used by authenticator apps for
/// a staff member's second factor.
///
/// A code is the RFC 4226 HOTP value of the time step `floor(unixTime / period)`, truncated
/// to `digits` decimal digits. The value holds the shared secret: keep it out of logs (its
/// `description` hides the secret) and store the secret only encrypted.
public struct TOTP: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The number of random bytes ``generateSecret()`` returns: 160 bits, the HMAC-SHA1
    /// output size recommended by RFC 4226 §4.
    public static let secretByteCount = 20
    /// The widest verification window ``matchingStep(for:at:window:after:)`` honours.
    public static let maximumWindow = 10

    /// The shared secret, the HMAC key.
    public let secret: [UInt8]
    /// Number of decimal digits in a code, 6 to 10.
    public let digits: Int
    /// Length of a time step in seconds (RFC 6238 `X`), at least 1.
    public let period: Int

    /// A new random 20-byte secret from the system's cryptographically secure generator.
    public static func generateSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<secretByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A generator for `secret`, making `digits`-digit codes that change every `period` seconds.
    ///
    /// `digits` must be 6 to 10 and `period` at least 1: these are the caller's configuration,
    /// not user input, and other values stop the program.
    public init(secret: [UInt8], digits: Int = 6, period: Int = 30) {
        precondition((6...10).contains(digits), "TOTP codes have 6 to 10 digits")
        precondition(period >= 1, "the TOTP period is at least one second")
        self.secret = secret
        self.digits = digits
        self.period = period
    }

    /// A generator for a secret kept as base32 text, as shown to users and in `otpauth://` URIs.
    /// - Throws: ``Base32Error`` when `base32Secret` is not valid base32.
    public init(base32Secret: String, digits: Int = 6, period: Int = 30) throws(Base32Error) {
        self.init(secret: try Base32.decode(base32Secret), digits: digits, period: period)
    }

    /// The secret as unpadded upper-case base32 text.
    public var base32Secret: String { Base32.encode(secret) }

    /// The RFC 6238 time step containing `date`: `floor(seconds since 1970 / period)`.
    /// Dates before 1970 give negative steps.
    public func step(at date: Date) -> Int64 {
        let steps = (date.timeIntervalSince1970 / Double(period)).rounded(.down)
        guard steps.isFinite else { return steps > 0 ? .max : .min }
        // Int64(exactly:) fails only outside ±9.2e18; clamp instead of trapping.
        if steps >= 9.2e18 { return .max }
        if steps <= -9.2e18 { return .min }
        return Int64(steps)
    }

    /// The code valid at `date`, zero-padded to ``digits`` characters.
    public func code(at date: Date) -> String {
        code(forStep: step(at: date))
    }

    /// The code of time step `step` (RFC 4226 HOTP with the step as counter), zero-padded.
    public func code(forStep step: Int64) -> String {
        String(decoding: codeBytes(forStep: step), as: UTF8.self)
    }

    /// The time step whose code is `code`, searched within `window` steps either side of the
    /// step at `date` (RFC 6238 §5.2 network-delay allowance), or `nil`.
    ///
    /// Steps at or before `lastUsedStep` are refused so that a code, once accepted, cannot be
    /// replayed (RFC 6238 §5.2): store the returned step and pass it back next time.
    /// Every candidate is computed and compared in constant time, whether or not one matched
    /// earlier; should two steps share the code, the later one is returned.
    /// - Parameters:
    ///   - code: Exactly ``digits`` ASCII digits; anything else returns `nil`. Strip spaces first.
    ///   - window: Steps accepted either side; negative counts as 0, values above
    ///     ``maximumWindow`` as ``maximumWindow``.
    ///   - lastUsedStep: The step returned by the last successful verification, if any.
    public func matchingStep(for code: String, at date: Date, window: Int = 1, after lastUsedStep: Int64?) -> Int64? {
        let candidate = Array(code.utf8)
        guard candidate.count == digits, candidate.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let width = Int64(min(max(window, 0), Self.maximumWindow))
        let current = step(at: date)
        var matched: Int64?
        var offset = -width
        while offset <= width {
            let (step, overflow) = current.addingReportingOverflow(offset)
            offset += 1
            if overflow { continue }
            let equal = Self.constantTimeEqual(codeBytes(forStep: step), candidate)
            let fresh = lastUsedStep.map { step > $0 } ?? true
            if equal && fresh { matched = step }
        }
        return matched
    }

    /// A Key Uri Format URI for enrolling the secret in an authenticator app by QR code:
    /// `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=…&period=…`.
    ///
    /// Issuer and account are percent-encoded as UTF-8; in the label only RFC 3986 unreserved
    /// characters and `@` stay literal, in the query only unreserved characters, so a colon
    /// inside either name cannot be mistaken for the label separator.
    /// The URI contains the secret: show it once, never log it.
    public func provisioningURI(issuer: String, account: String) -> String {
        let label =
            Self.percentEncode(issuer, keeping: Self.labelExtras) + ":"
            + Self.percentEncode(account, keeping: Self.labelExtras)
        return "otpauth://totp/\(label)?secret=\(base32Secret)&issuer=\(Self.percentEncode(issuer, keeping: []))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    /// Describes the parameters without the secret.
    public var description: String { "TOTP(digits: \(digits), period: \(period), secret: <redacted>)" }

    /// Same as ``description``: the secret is never printed.
    public var debugDescription: String { description }

    // MARK: - RFC 4226 HOTP

    /// The ASCII digits of the HOTP value for counter `step` (RFC 4226 §5.3 dynamic truncation).
    func codeBytes(forStep step: Int64) -> [UInt8] {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var value = UInt64(binary)
        var output = [UInt8](repeating: 0x30, count: digits)
        for index in stride(from: digits - 1, through: 0, by: -1) {
            output[index] = 0x30 + UInt8(value % 10)
            value /= 10
        }
        return output
    }

    /// Equality of two equally long byte strings, taking the same time wherever they differ.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    // MARK: - Percent-encoding

    private static let labelExtras: Set<UInt8> = [UInt8(ascii: "@")]

    /// `text` as UTF-8 with every byte outside RFC 3986 unreserved characters and `extras`
    /// written as `%XX`.
    static func percentEncode(_ text: String, keeping extras: Set<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(byte)
            default:
                if extras.contains(byte) {
                    output.append(byte)
                } else {
                    output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
