/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data is longer than a version 20 symbol holds at the requested error correction.
    case dataTooLong(byteCount: Int, maximum: Int)

    /// A short English explanation.
    public var description: String {
        switch self {
        case .dataTooLong(let count, let maximum):
            return
                """
                \(count) bytes do not fit in a QR code of version 20 \
                or lower at this error correction (at most \(maximum))
                """
        }
    }
}

/// A QR code symbol (ISO/IEC 18004) holding bytes in byte mode, for showing a short text such
/// as an `otpauth://` enrolment URI on screen.
///
/// The smallest version from 1 to 20 that holds the data is used, with Reed–Solomon error
/// correction, block interleaving, finder, timing and alignment patterns, format information
/// and, from version 7, version information. Of the eight data masks the one with the lowest
/// penalty score (ISO/IEC 18004:2015 §7.8.3, rules N1–N4) is chosen; ties go to the lower mask
/// number. Masks are scored before format and version information are written, with those
/// areas and the dark module counted as light, and the 1:1:3:1:1 finder-like rule treats the
/// area outside the symbol as light (quiet zone). Encoders read these rules differently; this
/// reading is the one of the segno encoder, whose choices the tests check. Any mask gives a
/// valid symbol, so the choice affects only how easily it scans.
public struct QRCode: Sendable, Equatable {
    /// Error correction level: how much of the symbol can be damaged and still read.
    public enum Correction: Sendable, Hashable, CaseIterable {
        /// Level L, about 7 % of codewords can be restored.
        case low
        /// Level M, about 15 %.
        case medium
        /// Level Q, about 25 %.
        case quartile
        /// Level H, about 30 %.
        case high
    }

    /// The largest version this encoder makes (97 × 97 modules).
    public static let maximumVersion = 20

    /// Symbol version, 1 to 20; the symbol is `4 × version + 17` modules wide.
    public let version: Int
    /// The error correction level the symbol was made with.
    public let correction: Correction
    /// The data mask pattern applied, 0 to 7.
    public let mask: Int
    /// Dark modules, row by row.
    private let modules: [Bool]

    /// Width and height in modules, without the quiet zone.
    public var size: Int { 4 * version + 17 }

    /// A symbol holding the UTF-8 bytes of `text` in byte mode.
    /// - Throws: ``QRCodeError/dataTooLong(byteCount:maximum:)`` when even version 20 is too small.
    public init(text: String, correction: Correction = .medium) throws(QRCodeError) {
        try self.init(bytes: Array(text.utf8), correction: correction)
    }

    /// A symbol holding `bytes` in byte mode.
    /// - Throws: ``QRCodeError/dataTooLong(byteCount:maximum:)`` when even version 20 is too small.
    public init(bytes: [UInt8], correction: Correction = .medium) throws(QRCodeError) {
        try self.init(bytes: bytes, correction: correction, version: nil, mask: nil)
    }

    /// The most bytes a symbol of version 20 or lower holds at `correction`.
    public static func maximumByteCount(correction: Correction) -> Int {
        QRLayout.byteCapacity(version: maximumVersion, correction: correction)
    }

    /// A symbol with a fixed `version` (when not nil, at least the smallest that fits) and a
    /// fixed `mask` (when not nil, 0 to 7), for tests against reference encoders.
    init(bytes: [UInt8], correction: Correction, version fixedVersion: Int?, mask fixedMask: Int?) throws(QRCodeError) {
        precondition(fixedVersion.map { (1...Self.maximumVersion).contains($0) } ?? true, "QR versions are 1 to 20")
        precondition(fixedMask.map { (0...7).contains($0) } ?? true, "QR masks are 0 to 7")
        let fitting = (1...Self.maximumVersion).first {
            QRLayout.byteCapacity(version: $0, correction: correction) >= bytes.count
        }
        guard let smallest = fitting, smallest <= (fixedVersion ?? smallest) else {
            let maximum = QRLayout.byteCapacity(version: fixedVersion ?? Self.maximumVersion, correction: correction)
            throw .dataTooLong(byteCount: bytes.count, maximum: maximum)
        }
        let version = fixedVersion ?? smallest
        let layout = QRLayout(version: version)
        let codewords = QRLayout.codewords(for: bytes, version: version, correction: correction)
        let candidates = layout.maskCandidates(codewords)
        var chosen = (mask: fixedMask ?? 0, penalty: Int.max)
        if fixedMask == nil {
            for (mask, grid) in candidates.enumerated() {
                let penalty = QRLayout.penalty(of: grid, size: layout.size)
                if penalty < chosen.penalty { chosen = (mask, penalty) }
            }
        }
        var grid = candidates[chosen.mask]
        layout.drawFormatAndVersion(correction: correction, mask: chosen.mask, into: &grid)

        self.version = version
        self.correction = correction
        self.mask = chosen.mask
        self.modules = grid
    }

    /// Whether the module in column `x`, row `y` (0-based from the top left) is dark.
    /// Coordinates outside the symbol are light, like the quiet zone.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// A standalone SVG image of the symbol: a white background and one black `<path>` of the
    /// dark modules, with no scripts or external references, suitable for inlining in HTML.
    /// - Parameters:
    ///   - moduleSize: Pixels per module in `width` and `height` (at least 1).
    ///   - quietZone: Light border in modules (at least 0; scanners expect 4).
    public func svg(moduleSize: Int = 4, quietZone: Int = 4) -> String {
        let border = max(quietZone, 0)
        let extent = size + 2 * border
        let pixels = extent * max(moduleSize, 1)
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                path += "M\(start + border) \(y + border)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(extent) \(extent)" width="\(pixels)" \
            height="\(pixels)" shape-rendering="crispEdges"><rect width="\(extent)" height="\(extent)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }

    /// The symbol as rows of `1` (dark) and `0` (light), for tests and debugging.
    var rows: [String] {
        (0..<size).map { y in String((0..<size).map { isDark(x: $0, y: y) ? "1" : "0" }) }
    }
}
