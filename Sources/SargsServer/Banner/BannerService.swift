import Fluent
import Foundation
import SargsCore
import Synchronization

/// The consent banner: the script configured from the policy in force, and the record of each
/// visitor's choice.
struct BannerService: Sendable {
    let context: SargsContext
    /// Days after a refusal before the banner asks again.
    var reaskDays = 182
    let cache = ScriptCache()

    /// Scripts per policy version and language, built once.
    final class ScriptCache: Sendable {
        private let scripts = Mutex<[String: String]>([:])

        func script(_ key: String, build: () throws -> String) rethrows -> String {
            if let hit = scripts.withLock({ $0[key] }) { return hit }
            let script = try build()
            scripts.withLock { $0[key] = script }
            return script
        }
    }

    /// The script template, read once from the bundle.
    static let template: String = {
        (try? String(contentsOfFile: Pages.publicDirectory + "consent.js", encoding: .utf8)) ?? ""
    }()

    /// The script with its configuration: every language of the policy, or only `language` when it is one.
    func script(language: String?) throws -> String {
        let policy = context.policy
        let languages = language.flatMap { policy.languages.contains($0) ? [$0] : nil }
        let key = "\(context.noticeHash)|\(languages?.first ?? "*")"
        return try cache.script(key) {
            let configuration = try BannerConfiguration(policy: policy, baseURL: context.publicURL, languages: languages, reaskDays: reaskDays)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // `</` cannot end a script element inside JSON, and U+2028/2029 are escaped for old parsers.
            let json = String(decoding: try encoder.encode(configuration), as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
                .replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
            return Self.template.replacingOccurrences(of: "/*CONFIG*/", with: json)
        }
    }

    /// What the script posts.
    struct Choice: Decodable, Sendable {
        var visitorId: String
        var choices: [String: Bool]
        var policyVersion: String
        var cookieHash: String
        var language: String
        var gpc: Bool?

        enum CodingKeys: String, CodingKey {
            case visitorId = "visitor_id", choices, policyVersion = "policy_version", cookieHash = "cookie_hash", language, gpc
        }
    }

    /// Records a choice. `secGPC` is the request's `Sec-GPC: 1` header.
    func record(_ body: Data, secGPC: Bool, on database: any Database) async throws {
        let choice: Choice
        do {
            choice = try JSONDecoder().decode(StrictDecoding.Envelope<Choice, StrictDecoding.RejectUnknown>.self, from: body).value
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError.malformed(nil, "the body is not a cookie choice")
        }
        guard choice.visitorId.count == 32, choice.visitorId.allSatisfy(\.isHexDigit) else {
            throw DomainError.invalid("visitor_id", "must be 32 hexadecimal digits")
        }
        let kinds = Set(CookieCategory.Kind.allCases.map(\.rawValue))
        guard !choice.choices.isEmpty, choice.choices.keys.allSatisfy(kinds.contains) else {
            throw DomainError.invalid("choices", "must map cookie category kinds (\(kinds.sorted().joined(separator: ", "))) to true or false")
        }
        guard choice.policyVersion.count <= 64, choice.cookieHash.count <= 64, choice.language.count <= 8 else {
            throw DomainError.invalid("policy_version", "is too long")
        }
        let row = CookieConsentModel()
        row.visitorID = choice.visitorId.lowercased()
        row.choices = String(decoding: try JSONEncoder().encode(choice.choices), as: UTF8.self)
        row.policyVersion = choice.policyVersion
        row.cookieHash = choice.cookieHash
        row.language = choice.language
        row.gpc = (choice.gpc ?? false) || secGPC
        row.recordedAt = context.clock.now
        try await row.create(on: database)
    }

    /// A visitor's recorded choices, oldest first (admin, dpo).
    func records(visitor: String?, on database: any Database) async throws -> [CookieConsentView] {
        guard let visitor, visitor.count == 32 else { throw DomainError.malformed("visitor_id", "give the visitor id from the sargs_consent cookie") }
        return try await CookieConsentModel.query(on: database).filter(\.$visitorID == visitor.lowercased()).sort(\.$recordedAt).all()
            .map(CookieConsentView.init)
    }
}

/// One recorded cookie choice.
struct CookieConsentView: Encodable, Sendable {
    var visitorId: String
    var choices: [String: Bool]
    var policyVersion: String
    var cookieHash: String
    var language: String
    var gpc: Bool
    var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case visitorId = "visitor_id", choices, policyVersion = "policy_version", cookieHash = "cookie_hash", language, gpc, recordedAt = "recorded_at"
    }

    init(_ row: CookieConsentModel) {
        visitorId = row.visitorID
        choices = (try? JSONDecoder().decode([String: Bool].self, from: Data(row.choices.utf8))) ?? [:]
        policyVersion = row.policyVersion
        cookieHash = row.cookieHash
        language = row.language
        gpc = row.gpc
        recordedAt = row.recordedAt
    }
}
