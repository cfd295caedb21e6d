import Foundation
import Testing
@testable import SargsCore

@Suite("Stored forms of domain values")
struct DomainValueTests {
    @Test("A civil date is stored and sent as YYYY-MM-DD, so it also sorts as text")
    func civilDateCoding() throws {
        let date = try #require(CivilDate(year: 2027, month: 3, day: 9))
        let encoded = try JSONEncoder().encode([date])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2027-03-09"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: encoded) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2027-02-30"]"#.utf8))
        }
        #expect("2026-12-31" < "2027-01-01" && CivilDate(iso: "2026-12-31")! < CivilDate(iso: "2027-01-01")!)
    }

    @Test("A domain error names its field and never more than its detail")
    func domainErrorField() {
        #expect(DomainError.invalid("data.user.name", "too long").field == "data.user.name")
        #expect(DomainError.notFound("subject").field == nil)
        #expect(DomainError.notFound("subject").description == "subject does not exist")
    }

    @Test("Bytes are written as lower-case hex, two digits each")
    func hex() {
        #expect([UInt8]([0x00, 0x0f, 0xab, 0xff]).hex == "000fabff")
        #expect([UInt8]().hex == "")
    }

    @Test("An id's text is Foundation's, in lower case, for fixed and random ids")
    func uuidText() throws {
        let fixed = try #require(UUID(uuidString: "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9"))
        #expect(fixed.lowercasedText == "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9")
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.lowercasedText == id.uuidString.lowercased())
        }
    }
}
