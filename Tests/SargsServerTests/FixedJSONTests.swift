import Foundation
@testable import SargsKit
@testable import SargsServer
import Testing

@Suite("Fixed-shape JSON responses")
struct FixedJSONTests {
    @Test("Quotes, backslashes, control characters and non-ASCII letters round-trip through a JSON parser")
    func escaping() throws {
        let tricky = "Anna \"Ā\" \\ Bērziņa\n\t\r\u{01}\u{1F} 🙂"
        var object = FixedJSONObject()
        object.add("text", tricky)
        object.add("missing", nil)
        object.add("yes", true)
        object.add("list", ["a", tricky])
        object.add("map", ["b": "2", "a": tricky])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(object.json.utf8)) as? [String: Any])
        #expect(parsed["text"] as? String == tricky)
        #expect(parsed["missing"] is NSNull)
        #expect(parsed["yes"] as? Bool == true)
        #expect(parsed["list"] as? [String] == ["a", tricky])
        #expect(parsed["map"] as? [String: String] == ["a": tricky, "b": "2"])
        #expect(object.json.hasPrefix(#"{"text":"Anna \"Ā\" \\ Bērziņa\n\t\r\u0001\u001f"#))
    }

    @Test("A decision and a read are written with the keys their Codable form has")
    func sameKeysAsCodable() throws {
        let decision = DecisionResponse(
            subjectID: "id", allowed: true, legalBasis: "contract", reason: "contract_in_force",
            categories: ["user.name"])
        let read = SubjectReadResponse(
            id: "id", purpose: "services", allowed: false, reason: "no_active_contract",
            legalBasis: "contract", data: ["user.name": "Anna"])
        for (fixed, coded) in [
            (decision.fixedJSON.json, try JSONEncoder().encode(decision)),
            (read.fixedJSON.json, try JSONEncoder().encode(read)),
        ] {
            let left = try JSONSerialization.jsonObject(with: Data(fixed.utf8)) as? NSDictionary
            let right = try JSONSerialization.jsonObject(with: coded) as? NSDictionary
            #expect(left != nil && left == right)
        }
    }
}
