import Foundation
import Testing
@testable import SargsCore

// Second factor for staff accounts: Base32 (RFC 4648), TOTP (RFC 6238 over RFC 4226 HOTP)
// and the QR code (ISO/IEC 18004) that shows the enrolment URI once.

@Suite("Base32, RFC 4648")
struct StaffBase32Tests {
    /// RFC 4648 §10 test vectors, padded as printed there.
    static let vectors: [(plain: String, encoded: String)] = [
        ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="),
        ("foob", "MZXW6YQ="), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
    ]

    @Test("RFC 4648 §10 vectors encode without padding")
    func rfc4648EncodeVectors() {
        for (plain, encoded) in Self.vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded.replacingOccurrences(of: "=", with: ""))
        }
    }

    @Test("RFC 4648 §10 vectors decode with or without padding, in either case, with spaces")
    func rfc4648DecodeVectors() throws {
        for (plain, encoded) in Self.vectors {
            let bytes = Array(plain.utf8)
            #expect(try Base32.decode(encoded) == bytes)
            #expect(try Base32.decode(encoded.replacingOccurrences(of: "=", with: "")) == bytes)
            #expect(try Base32.decode(encoded.lowercased()) == bytes)
        }
        #expect(try Base32.decode("mzxw 6ytb\toi") == Array("foobar".utf8))
        #expect(try Base32.decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ\n") == Array("12345678901234567890".utf8))
    }

    @Test("Characters outside the alphabet and impossible lengths are typed errors")
    func decodeErrors() {
        #expect(throws: Base32Error.invalidCharacter(offset: 2)) { try Base32.decode("MZ1XW6") }
        #expect(throws: Base32Error.invalidCharacter(offset: 0)) { try Base32.decode("8ZXW6") }
        #expect(throws: Base32Error.invalidCharacter(offset: 4)) { try Base32.decode("MZXW-6YTB") }
        #expect(throws: Base32Error.invalidCharacter(offset: 8)) { try Base32.decode("MZXW6YQ=A") }
        #expect(throws: Base32Error.invalidCharacter(offset: 1)) { try Base32.decode("MÿZXW") }
        #expect(throws: Base32Error.invalidLength(1)) { try Base32.decode("M") }
        #expect(throws: Base32Error.invalidLength(3)) { try Base32.decode("MZX=====") }
        #expect(throws: Base32Error.invalidLength(6)) { try Base32.decode("MZXW6Y") }
        #expect(!Base32Error.invalidCharacter(offset: 3).description.contains("ÿ"))
    }

    @Test("Random bytes of every length up to 41 round-trip")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0...41 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base32.encode(bytes)
            #expect(text.count == (length * 8 + 4) / 5)
            #expect(try Base32.decode(text) == bytes)
        }
    }
}

@Suite("TOTP, RFC 6238")
struct StaffTOTPTests {
    /// The RFC 6238 Appendix B / RFC 4226 Appendix D SHA-1 secret, ASCII "12345678901234567890".
    static let secret = Array("12345678901234567890".utf8)

    /// RFC 6238 Appendix B, SHA-1 rows: Unix time, time step T (hex), 8-digit TOTP.
    static let appendixB: [(time: TimeInterval, step: Int64, code: String)] = [
        (59, 0x1, "94287082"),
        (1_111_111_109, 0x23523EC, "07081804"),
        (1_111_111_111, 0x23523ED, "14050471"),
        (1_234_567_890, 0x273EF07, "89005924"),
        (2_000_000_000, 0x3F940AA, "69279037"),
        (20_000_000_000, 0x27BC86AA, "65353130"),
    ]

    @Test("RFC 6238 Appendix B SHA-1 vectors: time steps (§4, X = 30, T0 = 0) and 8-digit codes")
    func rfc6238AppendixB() {
        let totp = TOTP(secret: Self.secret, digits: 8)
        for row in Self.appendixB {
            let date = Date(timeIntervalSince1970: row.time)
            #expect(totp.step(at: date) == row.step)
            #expect(totp.code(at: date) == row.code)
        }
    }

    @Test("6-digit codes are the RFC 4226 §5.3 truncation: the low six digits, zero-padded")
    func sixDigitTruncation() {
        let totp = TOTP(secret: Self.secret)
        #expect(totp.digits == 6 && totp.period == 30)
        for row in Self.appendixB {
            #expect(totp.code(at: Date(timeIntervalSince1970: row.time)) == String(row.code.suffix(6)))
        }
        // RFC 4226 Appendix D HOTP values for counters 0...9 (the same secret).
        let hotp = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, expected) in hotp.enumerated() {
            #expect(totp.code(forStep: Int64(counter)) == expected)
        }
        #expect(totp.code(at: Date(timeIntervalSince1970: 1_111_111_109)) == "081804")  // leading zero kept
    }

    @Test("Steps floor towards minus infinity and follow the period")
    func steps() {
        let totp = TOTP(secret: Self.secret, period: 60)
        #expect(totp.step(at: Date(timeIntervalSince1970: 0)) == 0)
        #expect(totp.step(at: Date(timeIntervalSince1970: 59.999)) == 0)
        #expect(totp.step(at: Date(timeIntervalSince1970: 60)) == 1)
        #expect(totp.step(at: Date(timeIntervalSince1970: -1)) == -1)
        #expect(TOTP(secret: Self.secret).step(at: Date(timeIntervalSince1970: 90)) == 3)
    }

    @Test("RFC 6238 §5.2: codes one step either side are accepted with window 1, two steps are not")
    func windowAcceptance() throws {
        let totp = TOTP(secret: Self.secret)
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let current = totp.step(at: now)
        // The fixed secret and time give distinct codes for these steps, so matches are unambiguous.
        let codes = Dictionary(uniqueKeysWithValues: (-2...2).map { ($0, totp.code(forStep: current + Int64($0))) })
        try #require(Set(codes.values).count == 5)
        for offset in -1...1 {
            #expect(totp.matchingStep(for: codes[offset] ?? "", at: now, after: nil) == current + Int64(offset))
        }
        for offset in [-2, 2] {
            #expect(totp.matchingStep(for: codes[offset] ?? "", at: now, after: nil) == nil)
            #expect(
                totp.matchingStep(for: codes[offset] ?? "", at: now, window: 2, after: nil) == current + Int64(offset))
        }
        #expect(totp.matchingStep(for: codes[1] ?? "", at: now, window: 0, after: nil) == nil)
        #expect(totp.matchingStep(for: codes[0] ?? "", at: now, window: -5, after: nil) == current)
        // Within the same 30 s step the verdict does not change.
        #expect(
            totp.matchingStep(
                for: codes[0] ?? "", at: now.addingTimeInterval(Double(29 - (1_234_567_890 % 30))), window: 0,
                after: nil) == current)
    }

    @Test("RFC 6238 §5.2: an accepted code cannot be replayed, nor an older one used after it")
    func replayRefused() {
        let totp = TOTP(secret: Self.secret)
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let code = totp.code(at: now)
        guard let used = totp.matchingStep(for: code, at: now, after: nil) else {
            Issue.record("the current code was not accepted")
            return
        }
        #expect(totp.matchingStep(for: code, at: now, after: used) == nil)
        #expect(totp.matchingStep(for: code, at: now.addingTimeInterval(30), after: used) == nil)
        #expect(totp.matchingStep(for: totp.code(forStep: used - 1), at: now, after: used) == nil)
        #expect(totp.matchingStep(for: code, at: now, after: used - 1) == used)
        let next = totp.code(forStep: used + 1)
        #expect(totp.matchingStep(for: next, at: now.addingTimeInterval(30), after: used) == used + 1)
    }

    @Test("Codes of the wrong length or with anything but ASCII digits are refused")
    func malformedCodes() {
        let totp = TOTP(secret: Self.secret)
        let now = Date(timeIntervalSince1970: 59)
        #expect(totp.matchingStep(for: "287082", at: now, after: nil) == 1)
        for bad in [
            "", "28708", "2870820", " 287082", "287 082", "28708a",
            "２８７０８２", "+87082", "٢٨٧٠٨٢",
        ] {
            #expect(totp.matchingStep(for: bad, at: now, after: nil) == nil)
        }
        #expect(TOTP(secret: Self.secret, digits: 8).matchingStep(for: "94287082", at: now, after: nil) == 1)
        #expect(TOTP(secret: Self.secret, digits: 8).matchingStep(for: "287082", at: now, after: nil) == nil)
    }

    @Test("Key Uri Format: label and issuer percent-encoded, secret in unpadded base32")
    func provisioningURI() throws {
        let totp = TOTP(secret: Self.secret)
        let uri = totp.provisioningURI(issuer: "Sargs Staff", account: "anna.bērziņa@example.lv")
        #expect(
            uri
                == """
                otpauth://totp/Sargs%20Staff:anna.b%C4%93rzi%C5%86a@example.lv?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
                &issuer=Sargs%20Staff&algorithm=SHA1&digits=6&period=30
                """)
        // A colon in either name cannot split the label; &, =, + and # cannot break the query.
        #expect(
            totp.provisioningURI(issuer: "Sargs: Staff Console", account: "a@b.c")
                == "otpauth://totp/Sargs%3A%20Staff%20Console:a@b.c?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Sargs%3A%20Staff%20Console&algorithm=SHA1&digits=6&period=30")
        let awkward = TOTP(secret: Self.secret, digits: 8, period: 60).provisioningURI(
            issuer: "A&B=C+D#E", account: "x:y/z?")
        let components = try #require(URLComponents(string: awkward))
        #expect(components.scheme == "otpauth" && components.host == "totp")
        #expect(components.percentEncodedPath == "/A%26B%3DC%2BD%23E:x%3Ay%2Fz%3F")
        #expect(components.path == "/A&B=C+D#E:x:y/z?")
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(
            query == [
                "secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "issuer": "A&B=C+D#E", "algorithm": "SHA1", "digits": "8",
                "period": "60",
            ])
    }

    @Test("Secrets are 20 random bytes; base32 secrets load; descriptions hide the secret")
    func secrets() throws {
        let a = TOTP.generateSecret(), b = TOTP.generateSecret()
        #expect(a.count == 20 && b.count == 20 && a != b)
        let loaded = try TOTP(base32Secret: "gezd gnbv gy3t qojq gezd gnbv gy3t qojq")
        #expect(loaded.secret == Self.secret)
        #expect(loaded.base32Secret == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(throws: Base32Error.invalidCharacter(offset: 0)) { try TOTP(base32Secret: "1234") }
        #expect(!"\(loaded)".contains("GEZD") && !String(reflecting: loaded).contains("49, 50"))
        #expect("\(loaded)" == "TOTP(digits: 6, period: 30, secret: <redacted>)")
    }
}

@Suite("QR code, ISO/IEC 18004")
struct StaffQRCodeTests {
    @Test(
        "Matrices and automatically chosen masks equal the reference encoder's",
        arguments: [
            ("HELLO WORLD", QRCode.Correction.medium, StaffQRReference.helloWorld),
            ("Second factor", .low, StaffQRReference.secondFactor),
            ("Sargs staff console", .quartile, StaffQRReference.sargsStaffConsole),
            ("https://sargs.example/staff", .high, StaffQRReference.staffURL),
            ("ck96o0r0z", .high, StaffQRReference.overlappingFinderLike),
            (StaffQRReference.enrolmentURIText, .medium, StaffQRReference.enrolmentURI),
            (StaffQRReference.enrolmentURIHighText, .high, StaffQRReference.enrolmentURIHigh),
        ])
    func matchesReference(
        text: String, correction: QRCode.Correction, expected: (version: Int, mask: Int, rows: [String])
    ) throws {
        let code = try QRCode(text: text, correction: correction)
        #expect(code.version == expected.version)
        #expect(code.size == expected.rows.count)
        #expect(code.mask == expected.mask)
        #expect(code.rows == expected.rows)
        #expect(code.correction == correction)
    }

    @Test(
        "Penalty points per mask and rule (N1, N2, N3, N4) equal the reference encoder's",
        arguments: [
            (
                "zz", QRCode.Correction.medium,
                [
                    [184, 174, 800, 0], [215, 198, 760, 10], [228, 180, 760, 0], [224, 222, 720, 0],
                    [196, 195, 760, 0], [219, 207, 720, 10], [200, 192, 720, 0], [189, 198, 760, 0],
                ]
            ),
            (
                "HELLO WORLD", .medium,
                [
                    [197, 186, 760, 0], [203, 216, 760, 0], [198, 204, 760, 0], [211, 183, 720, 0], [200, 183, 720, 0],
                    [186, 189, 760, 0], [209, 219, 760, 0], [193, 159, 760, 0],
                ]
            ),
            (
                "ck96o0r0z", .high,
                [
                    [265, 234, 720, 0], [291, 282, 800, 0], [272, 261, 720, 0], [245, 234, 720, 0], [257, 258, 760, 0],
                    [294, 303, 760, 0], [278, 258, 800, 0], [261, 225, 760, 0],
                ]
            ),
            (
                "https://sargs.example/staff", .high,
                [
                    [361, 390, 760, 0], [404, 447, 840, 0], [375, 396, 800, 0], [359, 447, 800, 0], [345, 429, 840, 0],
                    [332, 414, 880, 0], [386, 453, 960, 0], [369, 408, 960, 0],
                ]
            ),
            (
                StaffQRReference.enrolmentURIText, .medium,
                [
                    [986, 1116, 1040, 0], [997, 1233, 1120, 0], [854, 972, 920, 0], [807, 1116, 1040, 0],
                    [814, 1026, 1080, 0], [896, 1143, 1120, 0], [944, 1173, 880, 0], [929, 1119, 1120, 0],
                ]
            ),
        ])
    func penaltyScores(text: String, correction: QRCode.Correction, expected: [[Int]]) throws {
        // Reference: segno's mask_scores on the grids it scores (format and version areas light).
        let bytes = Array(text.utf8)
        let version = try QRCode(bytes: bytes, correction: correction).version
        let layout = QRLayout(version: version)
        let candidates = layout.maskCandidates(QRLayout.codewords(for: bytes, version: version, correction: correction))
        #expect(candidates.count == 8)
        for (mask, grid) in candidates.enumerated() {
            let scores = QRLayout.penaltyScores(of: grid, size: layout.size)
            #expect([scores.n1, scores.n2, scores.n3, scores.n4] == expected[mask], "mask \(mask)")
        }
    }

    @Test("Each of the eight data masks, forced, gives the reference matrix")
    func forcedMasks() throws {
        for (mask, rows) in StaffQRReference.helloWorldByMask.enumerated() {
            let code = try QRCode(bytes: Array("HELLO WORLD".utf8), correction: .medium, version: nil, mask: mask)
            #expect(code.mask == mask)
            #expect(code.rows == rows, "mask \(mask)")
        }
    }

    @Test("The enrolment URIs of the reference matrices are what TOTP writes")
    func referenceURIsComeFromTOTP() {
        let totp = TOTP(secret: StaffTOTPTests.secret)
        #expect(
            totp.provisioningURI(issuer: "Sargs Staff", account: "anna.bērziņa@example.lv")
                == StaffQRReference.enrolmentURIText)
        #expect(
            totp.provisioningURI(issuer: "Sargs: Staff Console", account: "a@b.c")
                == StaffQRReference.enrolmentURIHighText)
    }

    @Test("The smallest version that holds the bytes is chosen; past version 20 is a typed error")
    func versionSelection() throws {
        // ISO/IEC 18004 Table 7, byte mode: version 1-M holds 14 bytes, version 20 holds 858/666/482/382.
        #expect(try QRCode(text: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(text: String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(text: String(repeating: "a", count: 17), correction: .low).version == 1)
        #expect(try QRCode(text: "", correction: .high).version == 1)
        let maxima: [QRCode.Correction: Int] = [.low: 858, .medium: 666, .quartile: 482, .high: 382]
        for (correction, maximum) in maxima {
            #expect(QRCode.maximumByteCount(correction: correction) == maximum)
            #expect(try QRCode(bytes: [UInt8](repeating: 0x41, count: maximum), correction: correction).version == 20)
            #expect(throws: QRCodeError.dataTooLong(byteCount: maximum + 1, maximum: maximum)) {
                try QRCode(bytes: [UInt8](repeating: 0x41, count: maximum + 1), correction: correction)
            }
        }
        // Multi-byte UTF-8 counts in bytes.
        #expect(throws: QRCodeError.dataTooLong(byteCount: 668, maximum: 666)) {
            try QRCode(text: String(repeating: "ā", count: 334))
        }
    }

    @Test("Remainder bits per version match ISO/IEC 18004 Table 1")
    func remainderBits() {
        for version in 1...20 {
            let layout = QRLayout(version: version)
            let dataModules = layout.isFunction.filter { !$0 }.count
            let remainder = dataModules - QRLayout.totalCodewords(version: version) * 8
            let expected = version == 1 ? 0 : version <= 6 ? 7 : version <= 13 ? 0 : 3
            #expect(remainder == expected, "version \(version)")
        }
        #expect(
            QRLayout.totalCodewords(version: 1) == 26 && QRLayout.totalCodewords(version: 7) == 196
                && QRLayout.totalCodewords(version: 20) == 1085)
    }

    @Test("SVG: standalone, crisp, one path drawing exactly the dark modules, no scripts or links")
    func svg() throws {
        let code = try QRCode(text: "HELLO WORLD")
        let svg = code.svg()
        #expect(
            svg.hasPrefix(
                """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" \
                width="116" height="116" shape-rendering="crispEdges">
                """
            ))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("<rect width=\"29\" height=\"29\" fill=\"#fff\"/>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        for forbidden in ["<script", "href", "url(", "<image", "<foreignObject", "<style", " on"] {
            #expect(!svg.contains(forbidden))
        }
        #expect(code.svg(moduleSize: 10, quietZone: 0).contains("viewBox=\"0 0 21 21\" width=\"210\" height=\"210\""))
        #expect(code.svg(moduleSize: 0, quietZone: -3).contains("viewBox=\"0 0 21 21\" width=\"21\" height=\"21\""))

        // Read the path back: each run is "M x y h n v1 h-n z"; the cells it covers are the dark ones.
        let d = try #require(svg.components(separatedBy: "d=\"").last?.components(separatedBy: "\"").first)
        var painted = Set<[Int]>()
        for run in d.split(separator: "z") {
            let numbers = run.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5 && numbers[3] == 1 && numbers[4] == -numbers[2], "run \(run)")
            for x in numbers[0]..<(numbers[0] + numbers[2]) { painted.insert([x - 4, numbers[1] - 4]) }
        }
        var dark = Set<[Int]>()
        for y in 0..<code.size { for x in 0..<code.size where code.isDark(x: x, y: y) { dark.insert([x, y]) } }
        #expect(painted == dark)
    }

    @Test("Coordinates outside the symbol read as light; finder corners and the dark module are dark")
    func isDarkBounds() throws {
        let code = try QRCode(text: StaffQRReference.enrolmentURIText)
        #expect(code.size == 4 * code.version + 17)
        for (x, y) in [(-1, 0), (0, -1), (code.size, 0), (0, code.size), (Int.min, Int.max)] {
            #expect(!code.isDark(x: x, y: y))
        }
        for (x, y) in [(0, 0), (code.size - 1, 0), (0, code.size - 1), (8, code.size - 8)] {
            #expect(code.isDark(x: x, y: y))
        }
    }
}

/// Reference symbols made by an independent encoder, segno 1.6.6 (`segno.make_qr(data,
/// error=…, mode="byte", boost_error=False)`, mask chosen by segno or forced with `mask=`),
/// with its padding-bit bug fixed: segno issue #148 appends eight zero bits when the bit stream
/// already ends on a codeword boundary, which ISO/IEC 18004 §7.4.10 does not (patched as
/// `buff.extend([0] * (-length % 8))` in `segno.encoder.write_padding_bits`). Every matrix was
/// also checked equal to python-qrcode 8.2 at the same version and mask, and symbols rendered
/// from this encoder were decoded by zbarimg during development. `1` is a dark module; rows
/// run top to bottom without the quiet zone.
enum StaffQRReference {
    static let enrolmentURIText =
        """
        otpauth://totp/Sargs%20Staff:anna.b%C4%93rzi%C5%86a@example.lv\
        ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Sargs%20Staff&algorithm=SHA1&digits=6&period=30
        """
    static let enrolmentURIHighText =
        """
        otpauth://totp/Sargs%3A%20Staff%20Console:a@b.c?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
        &issuer=Sargs%3A%20Staff%20Console&algorithm=SHA1&digits=6&period=30
        """

    /// "HELLO WORLD" at level M: version 1, mask 4.
    static let helloWorld: (version: Int, mask: Int, rows: [String]) = (
        1, 4,
        [
            "111111101100101111111",
            "100000100001001000001",
            "101110100101001011101",
            "101110101001001011101",
            "101110101110101011101",
            "100000101001001000001",
            "111111101010101111111",
            "000000001001100000000",
            "100010111111011111001",
            "000100001011100001111",
            "001111110011011010010",
            "111110001100010000000",
            "111110101010101100110",
            "000000001010111101011",
            "111111101110101011010",
            "100000100101110110011",
            "101110101101011000110",
            "101110100100100011011",
            "101110100111000111000",
            "100000100001010000000",
            "111111101111111110101",
        ]
    )
    /// "Second factor" at level L: version 1, mask 3.
    static let secondFactor: (version: Int, mask: Int, rows: [String]) = (
        1, 3,
        [
            "111111101011101111111",
            "100000100011001000001",
            "101110101101001011101",
            "101110101100101011101",
            "101110101001001011101",
            "100000100111101000001",
            "111111101010101111111",
            "000000000001100000000",
            "111100101111110011101",
            "001000010100110111101",
            "010110101011000100011",
            "101100011010100011001",
            "111010101100101100000",
            "000000001000101011011",
            "111111100101000011100",
            "100000100101010101110",
            "101110100010100101110",
            "101110101110110001110",
            "101110101001111001000",
            "100000101101011010001",
            "111111101001001100100",
        ]
    )
    /// "Sargs staff console" at level Q: version 2, mask 5.
    static let sargsStaffConsole: (version: Int, mask: Int, rows: [String]) = (
        2, 5,
        [
            "1111111011010010001111111",
            "1000001010001010101000001",
            "1011101001001000101011101",
            "1011101000000101101011101",
            "1011101001101000101011101",
            "1000001001000010101000001",
            "1111111010101010101111111",
            "0000000000011011000000000",
            "0100001110101001110000011",
            "0110010001111111000110110",
            "1011001111101111011101111",
            "0000100110100101100001011",
            "0001101001011100101101011",
            "1100100010100001100101000",
            "1000011111000001111000111",
            "1010110000000011000111110",
            "1011111100110100111110101",
            "0000000010010010100010011",
            "1111111010011010101010001",
            "1000001001001111100010010",
            "1011101000110111111111101",
            "1011101000100111001100111",
            "1011101000000101000101001",
            "1000001011111110101111001",
            "1111111001011010111110001",
        ]
    )
    /// "https://sargs.example/staff" at level H: version 4, mask 0.
    static let staffURL: (version: Int, mask: Int, rows: [String]) = (
        4, 0,
        [
            "111111101100010110001011101111111",
            "100000100010101011100111001000001",
            "101110100001111000001001101011101",
            "101110101011010001110010001011101",
            "101110100111110011000000001011101",
            "100000100110101110101110001000001",
            "111111101010101010101010101111111",
            "000000000111010111010100100000000",
            "001011101101001111100101010001001",
            "101000010101000011000100101000111",
            "000000101011011100001010011011111",
            "101000010110100011101110001000001",
            "100001110100001010001010111111001",
            "101100010000110001010010101100011",
            "111001110111100110101100111110011",
            "100001000010111010011110100101001",
            "000111111000100111010111001000100",
            "101010001000001100011000011001111",
            "111110110111001000110010010010111",
            "010100001001011111010100011010011",
            "011001111100010000011100010001011",
            "010010001010101100010101010001011",
            "101010110001110000100010001001111",
            "011100010101101000110111010100000",
            "100100101101101111100100111111001",
            "000000001100001101000000100011001",
            "111111100010001001001101101010111",
            "100000101111110010100000100010001",
            "101110101001011010101000111110010",
            "101110100001111101010000100010100",
            "101110101111011010010101010110001",
            "100000100000110110000111110100110",
            "111111100011100100000100110110111",
        ]
    )
    /// "ck96o0r0z" at level H (its mask is decided by the rule that counted N3 patterns do not overlap): version 2,
    /// mask 3.
    static let overlappingFinderLike: (version: Int, mask: Int, rows: [String]) = (
        2, 3,
        [
            "1111111000000111101111111",
            "1000001001101010001000001",
            "1011101001101000101011101",
            "1011101000000001001011101",
            "1011101011010110001011101",
            "1000001000101100001000001",
            "1111111010101010101111111",
            "0000000011111100100000000",
            "0011001110010000011010000",
            "0101000101010011101001110",
            "1001111010101010101001010",
            "1000110000110101001110111",
            "0010101001001000010110100",
            "0001100111101000110111011",
            "0111011101101001100100010",
            "1011110010100000111000010",
            "0010101010101001111110110",
            "0000000011001111100011001",
            "1111111010010101101010111",
            "1000001001101110100010000",
            "1011101001001010111111001",
            "1011101011001100001111001",
            "1011101011101100000010010",
            "1000001000000110111111100",
            "1111111000110000100000111",
        ]
    )
    /// `enrolmentURIText` at level M: version 9, mask 2.
    static let enrolmentURI: (version: Int, mask: Int, rows: [String]) = (
        9, 2,
        [
            "11111110011010111100100010010110100101111110001111111",
            "10000010001000101110110111000001101110001111001000001",
            "10111010101110110011100010010001110110011001001011101",
            "10111010110111000010110001011111000010000110101011101",
            "10111010111110001000111111111011100110000110001011101",
            "10000010110010101010100010001100011010110010001000001",
            "11111110101010101010101010101010101010101010101111111",
            "00000000100001111101110010001000000001000101100000000",
            "10111110000101101001010011111011101110100101101111100",
            "00111001010010100100101110110110100011011010000110001",
            "00001010101100111000110100100001110100111001001111100",
            "10101001000110010000101111001010100010001111010000001",
            "10001111100000111111100110101111001111010111101111101",
            "11101100001110011111001001011010000011010110000010101",
            "11111110100110111110011101000111011110011011001010110",
            "10101100011100000111000111001111001001001010110101001",
            "11110011110111110010000110110011011110100100111110010",
            "00010001110001000011111110101111101011010110000110001",
            "00110111110100010000101000110001010000100111000010100",
            "01111001011110101111011111011100110000010010110010000",
            "10101011010100001101101001000010001111010000111111100",
            "11010101111001100010110100010111010000010010000001100",
            "10100011011000010011101011001101011011010100111101000",
            "01111100011011110111011100011011001011111110100100000",
            "11101111111000100001100011111101000101100010111111100",
            "10111000110111100100111110001110000001010011100011010",
            "10111010100010011110001110101110001101000101101010000",
            "10001000101101101100100110001101001000010100100011000",
            "10101111110110000010100011111110011111000101111111100",
            "11110100101001001101110101101011000111001110000011011",
            "01110111101000011001110011110100010010001101000110000",
            "10101001001011101101101100100101101011001011001000000",
            "01111110011011000000100011101001001111110100100100101",
            "11101001010000111111001100010101000001000011010111001",
            "00000110000101001010100010010010101000000100100110000",
            "11101101000011100010001101000010010101001110111011010",
            "10010011110001100101000011000111000110100010110100000",
            "01010001001000110001111100110110110110001111111111111",
            "01100011111111100010110010001001000110101110000001000",
            "10011001010001110100100111100110100101101011101111000",
            "10011011111011011010010011001001000110110010000001000",
            "00001001110101101011100101101010010111101111011111010",
            "11011111111100000111011010011101101010010111100100100",
            "01100000000001010101000101000111110110001101010010001",
            "00010010101000000111100111111010010011100110111110100",
            "00000000101110101100001110001110100111001010100010011",
            "11111110001000010101001010101110011010110100101010010",
            "10000010100010111010111010001100010000010110100011011",
            "10111010110000011101001011111111111110000011111110110",
            "10111010110001011001010110011110100001000110100011000",
            "10111010111001100000001010100111100110110001001111011",
            "10000010011101111110111000000010110111011110100100010",
            "11111110111110001001110011010111011111010110001111100",
        ]
    )
    /// `enrolmentURIHighText` at level H: version 12, mask 2.
    static let enrolmentURIHigh: (version: Int, mask: Int, rows: [String]) = (
        12, 2,
        [
            "11111110101011100011100010011111010100100100100110000001001111111",
            "10000010110101100000011100011010100010100010101111100100101000001",
            "10111010101001000101010011100010011110111011010011101010101011101",
            "10111010011011111111101000111100111011010001001111100011001011101",
            "10111010001111110101111101101111111111110111000001001100101011101",
            "10000010101010000010011010101010001000111010001110110110001000001",
            "11111110101010101010101010101010101010101010101010101010101111111",
            "00000000101111101100100100011110001010010010000100110111100000000",
            "00111010110001000101110110110011111010111000011010000000111100111",
            "11011101100100010000010010100001001110101100000111001111000101001",
            "11001011101111100011010010111110111100100000011000000101110101000",
            "01101001111001110010000011100011010011101010100100000011100010001",
            "10001110100011101000100011110110101001110111011110100111101111110",
            "10111101100100101111000101101001011100101001100101011110000111101",
            "01101011110001000101111000000010010110000111011010110101001011000",
            "01111101011001111110101110000110011011111100100100101011010111010",
            "11110110000010111101011110011011101100000101010110000000110110000",
            "01100101000111101111100001010101011110010011110000001110000111100",
            "11100111000110101001011001001001111110101011001101101001010111111",
            "10101101000000001111011100000111011111100010101001010110000011010",
            "11101110000000111000101100001100110010011001001011000111010110010",
            "10110101110110110010110111100000010011000010100110010011000111001",
            "01000111000101111001100101110100000101000101001011110101011010000",
            "10101101111111011111100001111100000010100101100000011101001001000",
            "10100110000010000001110110001011101101101000000011110000000111011",
            "10010001100010011100010001011000110010110001110101001111010110001",
            "01100010111111010001101101000110110000010000001100110000001011000",
            "11101001011001100011101011000000110001000010110000011111000111001",
            "10000010100111100010110100100111010101011101001111100100110111101",
            "11010101110011101010001010011111110111011001000101010110000101011",
            "10011111110001000101111001000011111110111000111100100010111111010",
            "00111000110110010101111011100010001001110010110001001001100010011",
            "11011010110001010100111110101010101101000011011010100000101011100",
            "01001000110110111011100101011010001000111110000111000110100010011",
            "00001111110000011000101101100111111111101111111010000010111110100",
            "01101000111010100111111111000001110010001000110001110111001101001",
            "01110011001101000000010010000111010100010111001010100000010100110",
            "01001101010111111100101001100010001101101111000111001111101111000",
            "01010110110011101100110001000101000000111110000110010000100100000",
            "10100001000011010100001001000011010010110101000110011011111101001",
            "10100011111100101101101101011110010011111001001111100100100101110",
            "11011101111010010010100101010101101011011101000011001110011010110",
            "11011010010100000110110001010001100101101001100011110010000101100",
            "10110000111010100101000001001101000000110011110000011101111011000",
            "10011010011111001001101110111010100101111010011110110000010100110",
            "00000101000111000111110011111000011110110001010110000110010110001",
            "00111111101000001110000000001011100110011010101111110100000110010",
            "01000100101010111000101010010000110111101111000111101101011000010",
            "11011111000111001101011000000001000001100011010110000110011100100",
            "10111101010111000100111101011011111110011100000001000111111011011",
            "01111111011100010110000011111000111111000001011010111110000000000",
            "01101001001001111111110010000001011101000111110110010011110011010",
            "11110110100001100110100000101100100110010101000111000010000000101",
            "10011100110011000000111000100000000001001011000100010110001110100",
            "00110110000110100101110000111110000110000001011111100001000000100",
            "10010000001010001110001101100111101101011110100000110111110011010",
            "01101011000010110100011110010111111101001011010111000110111110110",
            "00000000101111100000100110111110001000010101100111011111100011001",
            "11111110011000110011100100100110101100001011111110101101101011100",
            "10000010000101001010000101011010001001000101101000101110100011001",
            "10111010101010111110010011101011111011000000000110110100111110001",
            "10111010101000011010110101001101010010010110110100001110111010110",
            "10111010101110110111001001110000111000100010001100110100011110110",
            "10000010010010011111000111110010011001101010100010001011100111010",
            "11111110010011110100011100001010101100000001010111110000000011000",
        ]
    )
    static let helloWorldByMask: [[String]] = [
        [  // mask 0
            "111111100110101111111",
            "100000101100101000001",
            "101110100000101011101",
            "101110100011001011101",
            "101110101100101011101",
            "100000100100101000001",
            "111111101010101111111",
            "000000000011100000000",
            "101010100101000010010",
            "101001000110001100010",
            "100010111110110111111",
            "101100011110000010010",
            "101100111000111110100",
            "000000001111010000110",
            "111111100011000110111",
            "100000100111100100001",
            "101110101111001010100",
            "101110100001001110110",
            "101110101010101010101",
            "100000100011000010010",
            "111111101101101100111",
        ],
        [  // mask 1
            "111111101011101111111",
            "100000100001101000001",
            "101110101101101011101",
            "101110100110001011101",
            "101110100001101011101",
            "100000101001101000001",
            "111111101010101111111",
            "000000000110100000000",
            "101000110000000100101",
            "111100010011011001000",
            "110111101011100010101",
            "111001001011010111000",
            "111001101101101011110",
            "000000001010000101100",
            "111111101110010011101",
            "100000100010110001011",
            "101110100010011111110",
            "101110100100011011100",
            "101110101111111111111",
            "100000100110010111000",
            "111111101000111001101",
        ],
        [  // mask 2
            "111111100000101111111",
            "100000100101001000001",
            "101110101110101011101",
            "101110101010101011101",
            "101110101010101011101",
            "100000101101001000001",
            "111111101010101111111",
            "000000001010000000000",
            "101111100011001111100",
            "011000010111111101100",
            "101100110000111001110",
            "011101001111110011100",
            "100010110110110000101",
            "000000001110100001000",
            "111111100101001000110",
            "100000101110010101111",
            "101110101001000100101",
            "101110101000111111000",
            "101110101100100100100",
            "100000100010110011100",
            "111111101011100010110",
        ],
        [  // mask 3
            "111111101000101111111",
            "100000101000101000001",
            "101110100000001011101",
            "101110101010101011101",
            "101110100111001011101",
            "100000100011101000001",
            "111111101010101111111",
            "000000001111100000000",
            "101101110101101001011",
            "011000010111111101100",
            "000001111101010100011",
            "101011011001000101010",
            "100010110110110000101",
            "000000001011001100101",
            "111111101011111110000",
            "100000101110010101111",
            "101110100100101001000",
            "101110101110001001110",
            "101110101100100100100",
            "100000100111011110001",
            "111111101101010100000",
        ],
        helloWorld.rows,  // mask 4: the automatic choice, above
        [  // mask 5
            "111111100011101111111",
            "100000101001001000001",
            "101110101110101011101",
            "101110101100101011101",
            "101110100010101011101",
            "100000100001001000001",
            "111111101010101111111",
            "000000001110000000000",
            "100000101011011001110",
            "010110011001110011101",
            "101100110000111001110",
            "011001001011110111100",
            "111001101101101011110",
            "000000001010100101000",
            "111111100101001000110",
            "100000100000011011110",
            "101110100001000100101",
            "101110100100111011000",
            "101110100111111111111",
            "100000100110110111100",
            "111111101011100010110",
        ],
        [  // mask 6
            "111111101011101111111",
            "100000101001001000001",
            "101110101100101011101",
            "101110100100101011101",
            "101110101011101011101",
            "100000100010001000001",
            "111111101010101111111",
            "000000000110000000000",
            "100111111001010010111",
            "010110011001110011101",
            "100101111001110000111",
            "011010001000110100100",
            "111001101101101011110",
            "000000001010111101011",
            "111111101111011010100",
            "100000101000011011110",
            "101110101000001101100",
            "101110101111111000000",
            "101110100111111111111",
            "100000100110101111111",
            "111111101001110000100",
        ],
        [  // mask 7
            "111111100110101111111",
            "100000100110101000001",
            "101110100001101011101",
            "101110100011001011101",
            "101110100110101011101",
            "100000101101101000001",
            "111111101010101111111",
            "000000000001100000000",
            "100101101100010100000",
            "101001000110001100010",
            "110000101100100101101",
            "100101010111001011011",
            "101100111000111110100",
            "000000001101000010100",
            "111111100010001111110",
            "100000101111100100001",
            "101110100101011000110",
            "101110101000000111111",
            "101110100010101010101",
            "100000100001010000000",
            "111111101100100101110",
        ],
    ]
}
