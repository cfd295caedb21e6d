import Testing
import Yams
@testable import SargsCore

@Suite("Source positions")
struct SourceMapTests {
    static let yaml = """
        a: 1
        list:
          - name: first
            texts: {en: One, lv: Viens}
          - name: second
            nested:
              - [x, y]
        """

    @Test("Paths split into keys and indices")
    func components() {
        #expect(
            SourceMap.components(of: "purposes[2].label.lt") == [
                .key("purposes"), .index(2), .key("label"), .key("lt"),
            ])
        #expect(SourceMap.components(of: "a[0][1]") == [.key("a"), .index(0), .index(1)])
        #expect(SourceMap.components(of: "") == [])
    }

    @Test("Paths resolve to the line and column of their node, or of the nearest ancestor")
    func resolution() throws {
        let schema: Schema = .object(
            ObjectSchema(
                "test",
                [
                    .required("a", .integer(minimum: nil, maximum: nil, description: "")),
                    .required(
                        "list",
                        .array(
                            .object(
                                ObjectSchema(
                                    "item",
                                    [
                                        .required("name", .string(.text, description: "")),
                                        .optional("texts", .localizedText(description: "")),
                                        .optional("nested", .array(.array(.string(.text, description: "")))),
                                    ])))),
                ]))
        var walker = SchemaWalker(file: "t.yaml")
        _ = walker.walkRoot(try #require(try Yams.compose(yaml: Self.yaml)), schema)
        let map = walker.sourceMap
        func at(_ path: String) -> [Int] { let l = map.location(of: path); return [l.line, l.column] }
        #expect(at("a") == [1, 4])
        #expect(at("list[1].name") == [5, 11])
        #expect(at("list[0].texts.lv") == [4, 26])
        #expect(at("list[1].nested[0][1]") == [7, 13])
        #expect(at("list[1].missing") == [5, 5])  // falls back to the item
        #expect(at("nothing") == [1, 1])
        #expect(map.path(of: map.entries.count - 1) == "list[1].nested[0][1]")
    }
}
