import Foundation
import Testing
@testable import SargsCore

@Suite("Notice wording catalogues")
struct WordingTests {
    static let languages = PolicyValidator.supportedLanguages

    @Test("Every language has exactly the English keys", arguments: languages)
    func sameKeys(language: String) throws {
        let english = try NoticeStrings(language: "en")
        let other = try NoticeStrings(language: language)
        #expect(other.keys.subtracting(english.keys).sorted() == [])
        #expect(english.keys.subtracting(other.keys).sorted() == [])
    }

    @Test("Every translation uses the same placeholders as the English text", arguments: languages)
    func samePlaceholders(language: String) throws {
        let english = try NoticeStrings(language: "en")
        let other = try NoticeStrings(language: language)
        for key in english.keys {
            #expect(placeholders(other.entries[key]!) == placeholders(english.entries[key]!), "\(language): \(key)")
        }
    }

    @Test("Translations are not left in English", arguments: languages.filter { $0 != "en" })
    func translated(language: String) throws {
        let english = try NoticeStrings(language: "en")
        let other = try NoticeStrings(language: language)
        let sentences = english.keys.filter { english.entries[$0]!.count > 40 }
        let untranslated = sentences.filter { other.entries[$0] == english.entries[$0] }
        #expect(untranslated.sorted() == [])
    }

    @Test(
        """
        No key appears twice in a catalogue (a decoder keeps one of \
        the two texts silently, so one use shows the other's words)
        """,
        arguments: languages)
    func noDuplicateKeys(language: String) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources/SargsCore/Resources/notice/\(language).json")
        let keys = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").compactMap { line in
            line.firstMatch(of: /^\s*"([^"]+)"\s*:/).map { String($0.1) }
        }
        #expect(keys.count > 100)
        let repeated = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated == [], "\(language)")
    }

    @Test("An unsupported language is a typed error")
    func unsupported() {
        #expect(throws: NoticeStrings.LoadError.self) { try NoticeStrings(language: "de") }
    }

    @Test(
        "CLDR plural categories",
        arguments: [
            ("lv", 1, PeriodWording.PluralCategory.one), ("lv", 11, .other), ("lv", 21, .one), ("lv", 5, .other),
            ("lt", 1, .one), ("lt", 2, .few), ("lt", 10, .many), ("lt", 12, .many), ("lt", 22, .few),
            ("uk", 1, .one), ("uk", 3, .few), ("uk", 5, .many), ("uk", 11, .many), ("uk", 14, .many), ("uk", 24, .few),
            ("ru", 21, .one), ("ru", 111, .many), ("et", 1, .one), ("et", 2, .other), ("en", 0, .other),
        ])
    func plurals(language: String, count: Int, category: PeriodWording.PluralCategory) {
        #expect(PeriodWording.category(count, language: language) == category)
    }

    @Test("Periods are written with the right forms")
    func periods() throws {
        func words(_ text: String, _ language: String) throws -> String {
            PeriodWording.duration(try ISODuration(parsing: text), try NoticeStrings(language: language))
        }
        #expect(try words("P1Y", "en") == "1 year")
        #expect(try words("P2Y6M", "en") == "2 years and 6 months")
        #expect(try words("P5Y", "lv") == "5 gadi")
        #expect(try words("P21D", "lv") == "21 diena")
        #expect(try words("P10Y", "lt") == "10 metų")
        #expect(try words("P3M", "lt") == "3 mėnesiai")
        #expect(try words("P3Y", "uk") == "3 роки")
        #expect(try words("P5Y", "ru") == "5 лет")
        #expect(try words("P1M", "et") == "1 kuu")
        #expect(try words("P30D", "et") == "30 päeva")
    }

    @Test("Dates are written numerically where case endings would otherwise be needed")
    func dates() throws {
        let date = CivilDate(iso: "2024-05-01")!
        #expect(try NoticeStrings(language: "lv").date(date) == "01.05.2024.")
        #expect(try NoticeStrings(language: "lt").date(date) == "2024-05-01")
        #expect(try NoticeStrings(language: "en").date(date) == "1 May 2024")
        #expect(try NoticeStrings(language: "ru").date(date) == "01.05.2024")
    }

    func placeholders(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                result.insert(name); current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return result
    }
}
