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
