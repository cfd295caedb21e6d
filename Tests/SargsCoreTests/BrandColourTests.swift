import Testing
@testable import SargsCore

@Suite("Brand colour, WCAG 2.2 §1.4.3")
struct BrandColourTests {
    @Test("White on the colour: black 21:1, Sargs' blue above 4.5:1, a light yellow refused; not a colour is said so")
    func contrast() {
        #expect(abs((BrandColour.contrastWithWhite("#000000") ?? 0) - 21) < 0.01)
        #expect((BrandColour.contrastWithWhite("#0a56b3") ?? 0) > 4.5)
        #expect(StringFormat.colour.problem(with: "#0a56b3") == nil)
        #expect(StringFormat.colour.problem(with: "#ffe066")?.contains("too light") == true)
        #expect(StringFormat.colour.problem(with: "teal")?.contains("not a colour") == true)
        #expect(BrandColour.contrastWithWhite("#12345") == nil)
    }
}
