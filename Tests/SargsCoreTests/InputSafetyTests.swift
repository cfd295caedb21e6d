import Foundation
import Testing
@testable import SargsCore

/// Input that is safe to store and means one thing: strict decoding, control characters, and one
/// form per e-mail address (security review R7, R2, R9).
@Suite("Safe input")
struct InputSafetyTests {
    struct Objection: Decodable, Equatable {
        var purpose: String?
        var directMarketing: Bool?
        var details: Details?

        struct Details: Decodable, Equatable {
            var purposes: [String]?
            var evidence: [String: String]?
        }

        enum CodingKeys: String, CodingKey { case purpose, directMarketing = "direct_marketing", details }
    }

    func strict(_ json: String) throws -> Objection {
        try JSONDecoder().decode(
            StrictDecoding.Envelope<Objection, StrictDecoding.RejectUnknown>.self, from: Data(json.utf8)
        ).value
    }

    @Test("A known body decodes as it would without the check; free-form maps keep every key")
    func knownFields() throws {
        let body = try strict(
            #"""
            {"purpose":"ads","direct_marketing":true,"details":{"purposes":["a"],\#
            "evidence":{"ip":"203.0.113.7","x":"y"}}}
            """#
        )
        #expect(
            body
                == Objection(
                    purpose: "ads", directMarketing: true,
                    details: .init(purposes: ["a"], evidence: ["ip": "203.0.113.7", "x": "y"])))
    }

    @Test(
        """
        A typo in a field is refused with its path, at the top and \
        nested (R7: `direct_marketng` must not record an ordinary objection)
        """
    )
    func unknownFields() {
        #expect(throws: DomainError.invalid("direct_marketng", "is not a known field")) {
            try strict(#"{"purpose":"ads","direct_marketng":true}"#)
        }
        #expect(throws: DomainError.invalid("details.purpose", "is not a known field")) {
            try strict(#"{"details":{"purpose":["a"]}}"#)
        }
        // A key that is no field name (an address pasted as a key) is not repeated in the error.
        #expect(throws: DomainError.invalid("details", "holds a key that is not a field name")) {
            try strict(#"{"details":{"anna@example.lv":["a"]}}"#)
        }
        // Forms keep unknown keys (buttons and tokens travel with them).
        #expect(throws: Never.self) {
            try JSONDecoder().decode(
                StrictDecoding.Envelope<Objection, StrictDecoding.AllowUnknown>.self,
                from: Data(#"{"purpose":"ads","csrf":"t"}"#.utf8))
        }
    }

    @Test("Control characters are refused in every string, in keys and in arrays; tabs and line breaks stay (R2)")
    func controlCharacters() throws {
        #expect(throws: DomainError.invalid("purpose", "must not contain control characters (found U+0000)")) {
            try strict(#"{"purpose":"a\u0000b"}"#)
        }
        #expect(
            throws: DomainError.invalid("details.purposes[1]", "must not contain control characters (found U+001B)")
        ) {
            try strict(#"{"details":{"purposes":["ok","\u001b[31m"]}}"#)
        }
        #expect(throws: DomainError.invalid("details.evidence", "must not contain control characters (found U+0007)")) {
            try strict(#"{"details":{"evidence":{"a\u0007":"x"}}}"#)
        }
        #expect(throws: DomainError.self) { try strict(#"{"purpose":"a\u0085b"}"#) }
        #expect(try strict(#"{"purpose":"line one\nline two\tend\r"}"#).purpose == "line one\nline two\tend\r")
    }

    @Test("Punycode matches RFC 3492's examples")
    func punycode() {
        #expect(Punycode.encode("bücher") == "bcher-kva")
        #expect(Punycode.encode("münchen") == "mnchen-3ya")
        #expect(Punycode.encode("ü") == "tda")
        #expect(Punycode.asciiDomain("exämple.lv") == "xn--exmple-cua.lv")
        #expect(Punycode.asciiDomain("example.lv") == "example.lv")
    }

    @Test("One address is one subject: NFC and NFD, Unicode and ASCII domains, case, all give one normal form (R9)")
    func oneFormPerAddress() throws {
        let nfc = "j\u{101}nis@example.lv", nfd = "ja\u{304}nis@example.lv"
        // Swift compares strings by canonical equivalence; the blind index hashes their bytes.
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        #expect(try Array(ContactValue.normalisedEmail(nfc).utf8) == Array(ContactValue.normalisedEmail(nfd).utf8))
        #expect(try ContactValue.normalisedEmail("anna@exämple.lv") == "anna@xn--exmple-cua.lv")
        #expect(try ContactValue.normalisedEmail("Anna@XN--EXMPLE-CUA.LV") == "anna@xn--exmple-cua.lv")
        #expect(try ContactValue.normalisedEmail("  Anna.Conf@Example.LV ") == "anna.conf@example.lv")
    }

    @Test(
        """
        Invisible and control characters make no address (R9): \
        zero-width space, bidi override, soft hyphen, NUL, BEL, ESC
        """
    )
    func invisibleCharacters() {
        for bad in [
            "an\u{200B}na@example.lv", "anna\u{202E}@example.lv", "an\u{AD}na@example.lv", "anna\u{0}@example.lv",
            "anna\u{7}@example.lv", "anna\u{1B}@example.lv", "anna@exa\u{FEFF}mple.lv",
        ] {
            #expect(throws: ContactValue.Problem.invalidEmail) { try ContactValue.normalisedEmail(bad) }
        }
    }
}
