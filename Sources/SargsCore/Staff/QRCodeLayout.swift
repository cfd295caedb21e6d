/// The parts of ISO/IEC 18004 that `QRCode` is built from: capacity tables, the byte-mode bit
/// stream, Reed–Solomon error correction over GF(256), and the module grid of one version.
struct QRLayout {
    let version: Int
    let size: Int
    /// The modules of the function patterns (finders, separators, timing, alignment); format
    /// and version areas and the dark module are reserved here but still light.
    let functionGrid: [Bool]
    /// Whether each module belongs to a function pattern or a reserved area.
    let isFunction: [Bool]

    init(version: Int) {
        self.version = version
        let size = 4 * version + 17
        self.size = size
        var grid = [Bool](repeating: false, count: size * size)
        var function = [Bool](repeating: false, count: size * size)
        func set(_ x: Int, _ y: Int, _ dark: Bool) {
            grid[y * size + x] = dark
            function[y * size + x] = true
        }

        // Timing patterns (§6.3.5): row 6 and column 6, dark on even positions. Finders drawn
        // afterwards overwrite the ends.
        for i in 0..<size {
            set(i, 6, i % 2 == 0)
            set(6, i, i % 2 == 0)
        }
        // Finder patterns with their light separators (§6.3.3, §6.3.4), centred 3 modules in.
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = cx + dx, y = cy + dy
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let ring = max(abs(dx), abs(dy))
                    set(x, y, ring != 2 && ring != 4)
                }
            }
        }
        // Alignment patterns (§6.3.6, Annex E) on every pair of centres but the finders' corners.
        let centres = Self.alignmentCentres[version]
        let first = centres.first ?? 0, last = centres.last ?? 0
        for cy in centres {
            for cx in centres {
                // The three corners taken by finder patterns carry none.
                let nearFinder = (cx == first && (cy == first || cy == last)) || (cx == last && cy == first)
                if nearFinder { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        // Format information areas (§7.9) and the dark module, reserved as light for now.
        for i in 0...8 {
            set(8, i, i == 6)
            set(i, 8, i == 6)
        }
        for i in 0..<8 {
            set(size - 1 - i, 8, false)
            set(8, size - 1 - i, false)
        }
        // Version information areas (§7.10) from version 7.
        if version >= 7 {
            for a in 0..<6 {
                for b in (size - 11)..<(size - 8) {
                    set(a, b, false)
                    set(b, a, false)
                }
            }
        }
        self.functionGrid = grid
        self.isFunction = function
    }

    // MARK: - Capacity (ISO/IEC 18004 Table 9)

    /// Error correction codewords per block, indexed by version; index 0 unused.
    static func eccPerBlock(_ correction: QRCode.Correction) -> [Int] {
        switch correction {
        case .low: return [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28]
        case .medium: return [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26]
        case .quartile: return [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30]
        case .high: return [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28]
        }
    }

    /// Number of error correction blocks, indexed by version; index 0 unused.
    static func blockCount(_ correction: QRCode.Correction) -> [Int] {
        switch correction {
        case .low: return [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8]
        case .medium: return [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16]
        case .quartile: return [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20]
        case .high: return [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25]
        }
    }

    /// Alignment pattern centre coordinates (Annex E), indexed by version.
    static let alignmentCentres: [[Int]] = [
        [], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
        [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82],
        [6, 30, 58, 86], [6, 34, 62, 90],
    ]

    /// All codewords of a version: the modules outside function patterns, in whole bytes
    /// (0, 3, 4 or 7 remainder bits stay unused).
    static func totalCodewords(version: Int) -> Int {
        let size = 4 * version + 17
        let finders = 3 * 64  // 8 × 8 each with separators
        let timing = 2 * (size - 16)
        // n × n alignment patterns less the three at finder corners, 25 modules each, less the
        // 5 modules that each of the 2 × (n − 2) patterns on row or column 6 shares with timing.
        let count = alignmentCentres[version].count
        let alignmentModules = count == 0 ? 0 : 25 * (count * count - 3) - 10 * (count - 2)
        let format = 31  // 2 × 15 bits and the dark module
        let versionInfo = version >= 7 ? 36 : 0
        return (size * size - finders - timing - alignmentModules - format - versionInfo) / 8
    }

    /// Data codewords of a version at a correction level.
    static func dataCodewords(version: Int, correction: QRCode.Correction) -> Int {
        totalCodewords(version: version) - eccPerBlock(correction)[version] * blockCount(correction)[version]
    }

    /// Bits of the byte-mode character count indicator (Table 3).
    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The most bytes one byte-mode segment can carry in a version at a correction level.
    static func byteCapacity(version: Int, correction: QRCode.Correction) -> Int {
        (dataCodewords(version: version, correction: correction) * 8 - 4 - countBits(version: version)) / 8
    }

    // MARK: - Codewords (§7.4, §7.5, §7.6)

    /// The final interleaved sequence of data and error correction codewords for `bytes`,
    /// which must fit the version.
    static func codewords(for bytes: [UInt8], version: Int, correction: QRCode.Correction) -> [UInt8] {
        let dataCount = dataCodewords(version: version, correction: correction)
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)  // byte mode
        bits.append(bytes.count, count: countBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, dataCount * 8 - bits.count))  // terminator
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < dataCount {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }

        let blocks = blockCount(correction)[version]
        let eccCount = eccPerBlock(correction)[version]
        let shortLength = dataCount / blocks
        let longBlocks = dataCount % blocks
        let generator = ReedSolomon.generator(degree: eccCount)
        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blocks {
            let length = shortLength + (index >= blocks - longBlocks ? 1 : 0)
            let block = Array(data[start..<(start + length)])
            start += length
            dataBlocks.append(block)
            eccBlocks.append(ReedSolomon.remainder(of: block, generator: generator))
        }
        var result: [UInt8] = []
        for column in 0...shortLength {
            for block in dataBlocks where column < block.count { result.append(block[column]) }
        }
        for column in 0..<eccCount {
            for block in eccBlocks { result.append(block[column]) }
        }
        return result
    }

    // MARK: - Placement (§7.7) and masking (§7.8)

    /// Writes the codewords' bits, most significant first, into the non-function modules in
    /// two-module columns from the right, alternately upwards and downwards, skipping column 6.
    func place(_ codewords: [UInt8], into grid: inout [Bool]) {
        let bitCount = codewords.count * 8
        var index = 0
        var upwards = true
        var right = size - 1
        while right > 0 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upwards ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] {
                    if index < bitCount {
                        grid[y * size + x] = codewords[index >> 3] & (0x80 >> UInt8(index & 7)) != 0
                    }
                    index += 1
                }
            }
            upwards.toggle()
            right -= 2
        }
    }

    /// Inverts the non-function modules where data mask `mask` (Table 10) holds.
    func applyMask(_ mask: Int, to grid: inout [Bool]) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] {
                let invert: Bool
                switch mask {
                case 0: invert = (x + y) % 2 == 0
                case 1: invert = y % 2 == 0
                case 2: invert = x % 3 == 0
                case 3: invert = (x + y) % 3 == 0
                case 4: invert = (y / 2 + x / 3) % 2 == 0
                case 5: invert = (x * y) % 2 + (x * y) % 3 == 0
                case 6: invert = ((x * y) % 2 + (x * y) % 3) % 2 == 0
                default: invert = ((x + y) % 2 + (x * y) % 3) % 2 == 0
                }
                if invert { grid[y * size + x].toggle() }
            }
        }
    }

    /// Penalty points of a masked grid under the four rules of ISO/IEC 18004:2015 §7.8.3.1
    /// (Table 11). N1: 3 for a run of five equal modules in a row or column, plus 1 per further
    /// module. N2: 3 per 2 × 2 block of one colour (blocks may overlap). N3: 40 per
    /// dark-light-dark-dark-dark-light-dark pattern in a row or column with four light modules
    /// before or after it, the area outside the symbol counting as light; a pattern overlapping
    /// one already counted in the same line is not counted. N4: 10 per full 5 % by which the
    /// share of dark modules departs from 50 %.
    static func penaltyScores(of grid: [Bool], size: Int) -> (n1: Int, n2: Int, n3: Int, n4: Int) {
        var n1 = 0, n2 = 0, n3 = 0
        var dark = 0
        for line in 0..<size {
            let row = (0..<size).map { grid[line * size + $0] }
            let column = (0..<size).map { grid[$0 * size + line] }
            n1 += runPenalty(row) + runPenalty(column)
            n3 += finderLikePenalty(row) + finderLikePenalty(column)
            dark += row.lazy.filter { $0 }.count
        }
        for y in 1..<size {
            for x in 1..<size {
                let colour = grid[y * size + x]
                if grid[y * size + x - 1] == colour && grid[(y - 1) * size + x] == colour
                    && grid[(y - 1) * size + x - 1] == colour
                {
                    n2 += 3
                }
            }
        }
        let total = size * size
        let n4 = 10 * (abs(20 * dark - 10 * total) / total)
        return (n1, n2, n3, n4)
    }

    /// The total penalty of a masked grid: the sum of ``penaltyScores(of:size:)``.
    static func penalty(of grid: [Bool], size: Int) -> Int {
        let scores = penaltyScores(of: grid, size: size)
        return scores.n1 + scores.n2 + scores.n3 + scores.n4
    }

    /// The grid for each of the eight masks as it is scored: data placed and masked, format and
    /// version areas and the dark module still light.
    func maskCandidates(_ codewords: [UInt8]) -> [[Bool]] {
        var grid = functionGrid
        place(codewords, into: &grid)
        return (0...7).map { mask in
            var masked = grid
            applyMask(mask, to: &masked)
            return masked
        }
    }

    /// Rule N1 on one line.
    private static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var run = 0
        for index in line.indices {
            run = index > 0 && line[index] == line[index - 1] ? run + 1 : 1
            let ends = index == line.count - 1 || line[index + 1] != line[index]
            if ends && run >= 5 { score += run - 2 }
        }
        return score
    }

    /// Rule N3 on one line.
    private static func finderLikePenalty(_ line: [Bool]) -> Int {
        let pattern = [true, false, true, true, true, false, true]
        func lightSpan(_ range: Range<Int>) -> Bool {
            range.allSatisfy { !line.indices.contains($0) || !line[$0] }
        }
        var score = 0
        var start = 0
        while start + pattern.count <= line.count {
            guard line[start..<(start + pattern.count)].elementsEqual(pattern) else { start += 1; continue }
            if lightSpan((start - 4)..<start) || lightSpan((start + 7)..<(start + 11)) {
                score += 40
                start += pattern.count
            } else {
                start += 1
            }
        }
        return score
    }

    // MARK: - Format and version information (§7.9, §7.10)

    /// The 15-bit format information: level and mask, BCH(15,5) protected, XOR 0x5412.
    static func formatBits(correction: QRCode.Correction, mask: Int) -> Int {
        let level: Int
        switch correction {
        case .low: level = 0b01
        case .medium: level = 0b00
        case .quartile: level = 0b11
        case .high: level = 0b10
        }
        let data = level << 3 | mask
        return (data << 10 | bchRemainder(data << 10, generator: 0x537)) ^ 0x5412
    }

    /// The 18-bit version information: version, BCH(18,6) protected.
    static func versionBits(version: Int) -> Int {
        version << 12 | bchRemainder(version << 12, generator: 0x1F25)
    }

    /// The remainder of polynomial division over GF(2).
    private static func bchRemainder(_ value: Int, generator: Int) -> Int {
        let degree = generator.bitWidth - generator.leadingZeroBitCount - 1
        var remainder = value
        while remainder.bitWidth - remainder.leadingZeroBitCount - 1 >= degree {
            let shift = remainder.bitWidth - remainder.leadingZeroBitCount - 1 - degree
            remainder ^= generator << shift
        }
        return remainder
    }

    /// Writes both copies of the format information, the dark module and, from version 7,
    /// both copies of the version information.
    func drawFormatAndVersion(correction: QRCode.Correction, mask: Int, into grid: inout [Bool]) {
        let format = Self.formatBits(correction: correction, mask: mask)
        func bit(_ value: Int, _ index: Int) -> Bool { (value >> index) & 1 == 1 }
        // Around the top-left finder: bits 0–7 down column 8 (skipping the timing row),
        // bits 8–14 leftwards along row 8 (skipping the timing column).
        let verticalRows = [0, 1, 2, 3, 4, 5, 7, 8]
        let horizontalColumns = [7, 5, 4, 3, 2, 1, 0]
        for (index, y) in verticalRows.enumerated() { grid[y * size + 8] = bit(format, index) }
        for (index, x) in horizontalColumns.enumerated() { grid[8 * size + x] = bit(format, 8 + index) }
        // Second copy: bits 0–7 along row 8 from the right edge, bits 8–14 up column 8 from
        // just below the dark module.
        for index in 0..<8 { grid[8 * size + size - 1 - index] = bit(format, index) }
        for index in 8..<15 { grid[(size - 15 + index) * size + 8] = bit(format, index) }
        grid[(size - 8) * size + 8] = true

        guard version >= 7 else { return }
        let info = Self.versionBits(version: version)
        for index in 0..<18 {
            let a = index / 3, b = size - 11 + index % 3
            grid[b * size + a] = bit(info, index)  // bottom left
            grid[a * size + b] = bit(info, index)  // top right
        }
    }
}

/// Bits appended most significant first, read back as bytes.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    /// The bits in whole bytes; a partial last byte is padded with zeros.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, offset in
                byte << 1 | (start + offset < bits.count && bits[start + offset] ? 1 : 0)
            }
        }
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 and generator roots α⁰ … α^(n−1).
enum ReedSolomon {
    /// α^i for i in 0..<255, then repeated so sums of logarithms need no reduction.
    static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        var value = 1
        for index in 0..<255 {
            table[index] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        for index in 255..<512 { table[index] = table[index - 255] }
        return table
    }()

    /// log_α(v) for v in 1...255; index 0 unused.
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for index in 0..<255 { table[Int(exponents[index])] = index }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// Coefficients of ∏ (x − α^i), i < degree, highest power first, without the leading 1.
    static func generator(degree: Int) -> [UInt8] {
        var coefficients: [UInt8] = [1]
        for root in 0..<degree {
            var next = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= multiply(coefficient, exponents[root])
            }
            coefficients = next
        }
        return Array(coefficients.dropFirst())
    }

    /// The remainder of data(x) · x^n divided by the generator: the n error correction codewords.
    static func remainder(of data: [UInt8], generator: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in generator.indices { remainder[index] ^= multiply(generator[index], factor) }
        }
        return remainder
    }
}
