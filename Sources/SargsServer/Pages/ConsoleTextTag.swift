import Fluent
import LeafKit
import SargsCore

/// `#t("console.key")` and `#t("console.key", value)` in console templates: the wording in the
/// page's language (the context's `lang`), English where a language has no text for the key.
/// `{value}` in the text is replaced by the second parameter. The result is HTML-escaped.
struct ConsoleTextTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else { throw LeafError(.unknownError("#t needs a wording key")) }
        let language = ctx.data["lang"]?.string ?? "en"
        var values: [String: String] = [:]
        if ctx.parameters.count > 1 { values["value"] = ctx.parameters[1].string ?? "" }
        return .string(ConsoleText.text(key, language: language, values))
    }
}

/// The console's wording: the `console.*` keys of the notice catalogues.
enum ConsoleText {
    static func text(_ key: String, language: String, _ values: [String: String] = [:]) -> String {
        let strings = (try? NoticeStrings(language: language)) ?? english
        let text = strings.keys.contains(key) ? strings.text(key, values) : english.text(key, values)
        return text
    }

    static let english: NoticeStrings = {
        guard let strings = try? NoticeStrings(language: "en") else {
            fatalError("the English catalogue is part of the build")
        }
        return strings
    }()

    /// What a queued message is about, in words: `acknowledgement` → "acknowledgement of a request";
    /// a recipient's Art. 19 notice names the request type. An unknown topic is shown as it is.
    static func topic(_ topic: String, language: String) -> String {
        if topic.hasPrefix("art19.") {
            let type = String(topic.dropFirst("art19.".count))
            return text(
                "console.topic.art19", language: language, ["value": text("console.rtype.\(type)", language: language)])
        }
        let key = "console.topic.\(topic)"
        return english.keys.contains(key) ? text(key, language: language) : topic
    }

    /// How a message travels (`email`, `webhook`, `transfer`), in words.
    static func kind(_ kind: String, language: String) -> String {
        let key = "console.kind.\(kind)"
        return english.keys.contains(key) ? text(key, language: language) : kind
    }

    /// The console's languages: the policy's, and English always.
    static func languages(of policy: Policy) -> [String] {
        policy.languages.contains("en") ? policy.languages : policy.languages + ["en"]
    }
}
