import Testing
@testable import SargsCore

@Suite("Request deadlines in words")
struct DeadlineWordsTests {
    @Test(
        """
        GDPR Art. 12(3) one month and Belarus Law 99-Z Art. 11 five \
        working days read as words, on two seeds, in their languages
        """
    )
    func words() throws {
        let latvia = try TestFiles.validPolicy("examples/coral-travel/latvia.yaml")
        let belarus = try TestFiles.validPolicy("examples/coral-travel/belarus.yaml")
        let gdpr = JurisdictionProfile.resolve(latvia.jurisdiction),
            by = JurisdictionProfile.resolve(belarus.jurisdiction)
        #expect(gdpr.deadline(for: .access).words(try NoticeStrings(language: "lv")) == "1 mēnesis")
        #expect(by.deadline(for: .access).words(try NoticeStrings(language: "ru")) == "5 рабочих дней")
        #expect(by.deadline(for: .erasure).words(try NoticeStrings(language: "en")) == "15 days")
    }
}
