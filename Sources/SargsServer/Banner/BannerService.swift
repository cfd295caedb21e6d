import Fluent
import Foundation
import SargsCore
import SargsKit
import Synchronization

/// The consent banner: the script configured from the policy in force, and the record of each
/// visitor's choice.
struct BannerService: Sendable {
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let settings: ServerSettings
    /// Days after a refusal before the banner asks again.
    var reaskDays = 182
    let cache = ScriptCache()
    /// Choices one client address may record a minute.
    static let choicesPerClientPerMinute = 20
    let limiter = ChoiceLimiter()

    /// Counts each client's recorded choices in the current minute.
    final class ChoiceLimiter: Sendable {
        private let counts = Mutex<(minute: Int, byClient: [String: Int])>((0, [:]))

        /// Counts one more choice for `client`; false past the limit.
        func admit(_ client: String, at now: Date, limit: Int) -> Bool {
            let minute = Int(now.timeIntervalSince1970 / 60)
            return counts.withLock { state in
                if state.minute != minute { state = (minute, [:]) }
                let used = state.byClient[client, default: 0]
                guard used < limit else { return false }
                state.byClient[client] = used + 1
                return true
            }
        }
    }

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
        let rules = ruleSource.current
        let policy = rules.policy
        let languages = language.flatMap { policy.languages.contains($0) ? [$0] : nil }
        let key = "\(rules.noticeHash)|\(languages?.first ?? "*")"
        return try cache.script(key) {
            let configuration = try BannerConfiguration(
                policy: policy, baseURL: settings.publicURL, languages: languages, reaskDays: reaskDays)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // `</` cannot end a script element inside JSON, and U+2028/2029 are escaped for old parsers.
            let json = String(decoding: try encoder.encode(configuration), as: UTF8.self).replacingOccurrences(
                of: "</", with: "<\\/"
            )
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
            return Self.template.replacingOccurrences(of: "/*CONFIG*/", with: json)
        }
    }

    /// Records a choice through the audited write path. `secGPC` is the request's `Sec-GPC: 1`
    /// header. The policy version and cookie hash are the server's own: a choice made on a banner of
    /// another version or cookie list is refused (409), so a record proves what the visitor saw
    /// (Art. 7(1)). At most `choicesPerClientPerMinute` per client address (429).
    func record(
        _ choice: @autoclosure () throws -> CookieChoice, secGPC: Bool, client: String, on database: any Database
    ) async throws {
        let rules = ruleSource.current
        let now = serverClock.now
        // Counted before the body is read: a client sending malformed choices is limited all the same.
        guard limiter.admit(client, at: now, limit: Self.choicesPerClientPerMinute) else {
            throw DomainError.rateLimited(nil, "too many choices from this client in the last minute; try again later")
        }
        let choice = try choice()
        guard choice.visitorID.count == 32, choice.visitorID.allSatisfy(\.isHexDigit) else {
            throw DomainError.invalid("visitor_id", "must be 32 hexadecimal digits")
        }
        let policy = rules.policy
        let version = policy.policy.version, hash = BannerConfiguration.cookieHash(policy.cookies)
        guard choice.policyVersion == version, choice.cookieHash == hash else {
            throw DomainError.conflict(
                "policy_version",
                "the banner shown was made for another policy version or cookie list; "
                    + "it asks again with the one in force")
        }
        guard policy.languages.contains(choice.language) else {
            throw DomainError.invalid(
                "language", "must be one of the policy's languages (\(policy.languages.joined(separator: ", ")))")
        }
        guard choice.choices[.strictlyNecessary] != false else {
            throw DomainError.invalid(
                "choices.strictly_necessary", "strictly necessary cookies need no consent and cannot be refused")
        }
        let row = CookieConsentModel()
        row.visitorID = choice.visitorID.lowercased()
        try row.store(choice.choices)
        row.policyVersion = version
        row.cookieHash = hash
        row.language = choice.language
        row.gpc = (choice.gpc ?? false) || secGPC
        row.recordedAt = now
        let allowed = choice.choices.filter(\.value).keys.map(\.auditText).sorted().joined(separator: ",")
        let insert = try ModelWrite(inserting: row)
        try await store.write(on: database) { database in
            try await insert.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: "banner", action: .cookieChoiceRecord,
                        result: "ok:\(allowed.isEmpty ? "none" : allowed)")
                ]
            )
        }
    }

    /// A visitor's recorded choices, oldest first (admin, dpo).
    func records(visitor: String?, on database: any Database) async throws -> [CookieConsentView] {
        guard let visitor, visitor.count == 32 else {
            throw DomainError.malformed("visitor_id", "give the visitor id from the sargs_consent cookie")
        }
        return try await CookieConsentModel.query(on: database).filter(\.$visitorID == visitor.lowercased()).sort(
            \.$recordedAt
        ).all()
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
        case visitorId = "visitor_id", choices, policyVersion = "policy_version", cookieHash = "cookie_hash", language,
            gpc, recordedAt = "recorded_at"
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
