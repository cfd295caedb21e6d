import Foundation
import Testing
@testable import SargsCore

/// The seed companies as example policies: every one passes check and renders in every language.
@Suite("Example policies")
struct ExampleTests {
    @Test("Every example is valid", arguments: TestFiles.examplePolicies)
    func valid(path: String) throws {
        _ = try TestFiles.validPolicy(path)
    }

    @Test(
        "Every example renders in every declared language, as HTML and Markdown, with no wording key left",
        arguments: TestFiles.examplePolicies)
    func rendersEveryLanguage(path: String) throws {
        let policy = try TestFiles.validPolicy(path)
        for language in policy.languages {
            let document = try NoticeBuilder(policy: policy, language: language).build()
            let html = HTMLNoticeWriter.write(document)
            #expect(!MarkdownNoticeWriter.write(document).isEmpty)
            for text in Self.texts(of: document) {
                #expect(
                    !text.contains("{") && !text.contains("}"),
                    "\(path) [\(language)] has an unfilled placeholder: \(text)")
                for prefix in [
                    "right.", "section.", "basis.", "unit.", "retention.", "exercise.", "cookies.", "purpose.",
                ] {
                    #expect(!Self.containsKey(text, prefix), "\(path) [\(language)] shows a raw key: \(text)")
                }
                #expect(!text.isEmpty)
            }
            #expect(html.contains("<html lang=\"\(language)\">"))
        }
    }

    @Test("Every example's record of processing has one row per purpose", arguments: TestFiles.examplePolicies)
    func records(path: String) throws {
        let policy = try TestFiles.validPolicy(path)
        let record = try RecordOfProcessing(policy: policy, language: policy.authoritativeLanguage)
        #expect(record.rows.count == policy.purposes.count)
        #expect(record.rows.allSatisfy { $0.count == record.headers.count && !$0[6].isEmpty })
    }

    /// Every piece of text a reader sees in the document.
    static func texts(of document: NoticeDocument) -> [String] {
        func texts(_ block: Block) -> [String] {
            switch block {
            case .paragraph(let text): return [text]
            case .callout(let heading, let text): return [heading, text]
            case .list(let items): return items
            case .fields(let fields): return fields.flatMap { [$0.label, $0.value] }
            case .table(let headers, let rows): return headers + rows.flatMap { $0 }
            case .subsection(let heading, let blocks): return [heading] + blocks.flatMap(texts)
            }
        }
        return [document.title, document.subtitle]
            + document.sections.flatMap { [$0.heading] + $0.blocks.flatMap(texts) }
    }

    /// True when `text` contains a catalogue key such as `right.access.title` verbatim.
    static func containsKey(_ text: String, _ prefix: String) -> Bool {
        var search = text[...]
        while let range = search.range(of: prefix) {
            let after = search[range.upperBound...].prefix { $0.isLetter || $0 == "_" || $0 == "." }
            if after.count > 2, after.first?.isLowercase == true, !after.contains(" ") { return true }
            search = search[range.upperBound...]
        }
        return false
    }
}

/// Golden files: each example rendered in its authoritative language. Set SARGS_UPDATE_GOLDEN=1 to rewrite them.
@Suite("Golden notices")
struct GoldenNoticeTests {
    @Test("The rendered notice matches its golden file", arguments: TestFiles.examplePolicies)
    func golden(path: String) throws {
        let policy = try TestFiles.validPolicy(path)
        let html = HTMLNoticeWriter.write(
            try NoticeBuilder(policy: policy, language: policy.authoritativeLanguage).build())
        let name = path.dropFirst("examples/".count).replacingOccurrences(of: "/", with: "-").replacingOccurrences(
            of: ".yaml", with: "")
        let file = TestFiles.golden.appendingPathComponent("\(name).\(policy.authoritativeLanguage).html")
        if ProcessInfo.processInfo.environment["SARGS_UPDATE_GOLDEN"] == "1" {
            try html.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(
            html == expected,
            "\(file.lastPathComponent) differs; rerun with SARGS_UPDATE_GOLDEN=1 after checking the change")
    }
}
