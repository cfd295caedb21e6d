import Foundation
import Testing
@testable import SargsCore

@Suite("Quoted-printable, RFC 2045 §6.7")
struct QuotedPrintableTests {
    @Test("Round trip of Latvian, Ukrainian and English text, with '=', tabs, trailing spaces and long lines")
    func roundTrip() {
        let texts = [
            """
            Labdien!

            Jūsu pieprasījumu (dzēšana) saņēmām 05.12.2026. Atbildēsim vēlākais līdz 05.01.2027.
            """,
            "Добрий день! Ми отримали ваш запит.",
            "a = b\tc  \nline with trailing space \n" + String(repeating: "x", count: 200),
            ".starts with a dot\n.",
            "",
        ]
        for text in texts {
            let encoded = QuotedPrintable.encode(text)
            #expect(QuotedPrintable.decode(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"), "\(encoded)")
        }
    }

    @Test("Rule 5: no encoded line is longer than 76 characters; rule 3: no line ends in a space; every byte is 7-bit")
    func lineRules() {
        let encoded = QuotedPrintable.encode(String(repeating: "ā ", count: 200) + "\nend ")
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.count <= 76, "\(line)")
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "\(line)")
            #expect(line.utf8.allSatisfy { $0 < 128 })
        }
    }

    @Test("ASCII stays readable; '=' and a leading full stop are encoded (SMTP's end-of-data line can never appear)")
    func readable() {
        #expect(QuotedPrintable.encode("Reference R-1234") == "Reference R-1234")
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode(".\n.x") == "=2E\r\n=2Ex")
        #expect(QuotedPrintable.encode("ā") == "=C4=81")
    }
}
