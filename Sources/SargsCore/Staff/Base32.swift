/// Why Base32 text could not be decoded. Messages name positions only, never the characters,
/// because the text is usually a second-factor secret.
public enum Base32Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The character at this offset (counted in Unicode scalars of the input) is not in the
    /// RFC 4648 base32 alphabet, or is a letter or digit after `=` padding.
    case invalidCharacter(offset: Int)
    /// The number of base32 characters (spaces and padding not counted) leaves a remainder of
    /// 1, 3 or 6 when divided by 8, which no whole number of bytes encodes to.
    case invalidLength(Int)

    /// A short English explanation without any of the decoded text.
    public var description: String {
        switch self {
        case .invalidCharacter(let offset): return "invalid base32 character at offset \(offset)"
        case .invalidLength(let count): return "\(count) base32 characters do not encode a whole number of bytes"
        }
    }
}

/// Base32 as defined by RFC 4648 §6, with the upper-case alphabet `A`–`Z`, `2`–`7`.
///
/// Encoding writes no `=` padding, as authenticator apps expect in `otpauth://` URIs. Decoding
/// is lenient about presentation only: lower-case letters, whitespace anywhere and trailing
/// `=` padding are accepted; any other character is an error.
public enum Base32 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// The unpadded RFC 4648 base32 encoding of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int((buffer >> UInt32(bitCount)) & 0x1F)])
            }
            buffer &= (1 << UInt32(bitCount)) - 1
        }
        if bitCount > 0 {
            output.append(alphabet[Int((buffer << UInt32(5 - bitCount)) & 0x1F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes encoded by RFC 4648 base32 `text`.
    ///
    /// Letters may be of either case; spaces, tabs and line breaks are skipped; `=` padding may
    /// follow the last character (its amount is not checked). Unused low bits of the final
    /// character are ignored.
    /// - Throws: ``Base32Error/invalidCharacter(offset:)`` for a character outside the alphabet,
    ///   ``Base32Error/invalidLength(_:)`` when the characters cannot encode whole bytes.
    public static func decode(_ text: String) throws(Base32Error) -> [UInt8] {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bitCount = 0
        var characterCount = 0
        var sawPadding = false
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case " ", "\t", "\n", "\r":
                continue
            case "=":
                sawPadding = true
                continue
            default:
                break
            }
            guard !sawPadding, let value = digitValue(scalar) else { throw .invalidCharacter(offset: offset) }
            characterCount += 1
            buffer = (buffer << 5) | value
            bitCount += 5
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bitCount)))
                buffer &= (1 << UInt32(bitCount)) - 1
            }
        }
        switch characterCount % 8 {
        case 1, 3, 6: throw .invalidLength(characterCount)
        default: return output
        }
    }

    /// The 5-bit value of one alphabet character, either case.
    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x41...0x5A: return scalar.value - 0x41  // A-Z
        case 0x61...0x7A: return scalar.value - 0x61  // a-z
        case 0x32...0x37: return scalar.value - 0x32 + 26  // 2-7
        default: return nil
        }
    }
}
