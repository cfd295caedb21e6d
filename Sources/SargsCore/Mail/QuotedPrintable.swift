import Foundation

/// The quoted-printable content transfer encoding (RFC 2045 §6.7): 7-bit safe, and readable where
/// the text is ASCII. Lines are CRLF-terminated and at most 76 characters; a line that starts with
/// a full stop has it encoded, so SMTP's end-of-data marker can never appear in the body.
public enum QuotedPrintable {
    /// Encodes UTF-8 `text`; its line ends (LF or CRLF) become hard CRLF line breaks.
    public static func encode(_ text: String) -> String {
        var output: [String] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            output.append(contentsOf: encodeLine(Array(line.utf8)))
        }
        return output.joined(separator: "\r\n")
    }

    /// Decodes quoted-printable text back to the UTF-8 text it encodes (soft breaks removed).
    public static func decode(_ encoded: String) -> String {
        var bytes: [UInt8] = []
        let lines = encoded.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            var utf8 = Array(line.utf8)
            let soft = utf8.last == UInt8(ascii: "=")
            if soft { utf8.removeLast() }
            var index = 0
            while index < utf8.count {
                if utf8[index] == UInt8(ascii: "="), index + 2 < utf8.count, let high = hex(utf8[index + 1]),
                    let low = hex(utf8[index + 2])
                {
                    bytes.append(high << 4 | low)
                    index += 3
                } else {
                    bytes.append(utf8[index])
                    index += 1
                }
            }
            if !soft, number < lines.count - 1 { bytes.append(contentsOf: [13, 10]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One hard line as one or more encoded lines joined by soft breaks.
    private static func encodeLine(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let piece: String
            let printable = (33...126).contains(byte) && byte != UInt8(ascii: "=")
            let space = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            if (printable && !(byte == UInt8(ascii: ".") && current.isEmpty)) || (space && !isLast) {
                piece = String(UnicodeScalar(byte))
            } else {
                piece = "=" + hexPair(byte)
            }
            // Leave room for the soft break's "=" (76 characters in all).
            if current.count + piece.count > 75 {
                lines.append(current + "=")
                current = ""
                if piece == "." { current = "=2E"; continue }
            }
            current += piece
        }
        lines.append(current)
        return lines
    }

    private static func hexPair(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
