import Foundation

/// Lower-case hexadecimal text of bytes, written without a format string: the blind indexes, audit
/// hashes and key digests are made on every write, where `String(format:)` per byte was a tenth of
/// a bulk import's time.
extension Sequence where Element == UInt8 {
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}

extension UUID {
    /// The id's text in lower case (`8-4-4-4-12` hexadecimal digits), as every response, receipt
    /// and audit entry writes it, written without a format string: `uuidString` formats each byte
    /// through `printf`, and an audit entry is hashed and checked by that text.
    public var lowercasedText: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(36)
        withUnsafeBytes(of: uuid) { bytes in
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { characters.append(UInt8(ascii: "-")) }
                characters.append(digits[Int(byte >> 4)])
                characters.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
