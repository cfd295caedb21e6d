import Crypto
import Foundation

/// What the consent banner script needs, built from the policy's cookies section: the
/// categories, their cookies and the texts in the policy's languages, how GPC and Do Not Track are
/// treated, and a hash of the cookie part that changes only when it changes materially (ePrivacy
/// Directive Art. 5(3); EDPB cookie banner taskforce report, 2023).
public struct BannerConfiguration: Sendable, Encodable {
    public struct Category: Sendable, Encodable {
        public var kind: String
        /// Strictly necessary: always on, never asked.
        public var required: Bool
        /// Turned off by a Global Privacy Control signal (advertising, sale or sharing).
        public var gpc: Bool
        public var consentMode: [String]
    }

    public struct Texts: Sendable, Encodable {
        public struct Kind: Sendable, Encodable {
            public var name: String
            public var description: String
            /// Name, provider, lifetime, purpose.
            public var cookies: [[String]]
            /// How many cookies, in words with the language's plural ("3 cookies", "3 sīkdatnes", "5 файлов
            /// cookie").
            public var count: String
        }

        public var title, text, accept, reject, settings, save, always, gpc, dnt, notice, noticeURL: String
        /// The cookie table's column headings: name, provider, duration, purpose.
        public var headers: [String]
        public var kinds: [String: Kind]
    }

    public var endpoint: String
    public var policyVersion: String
    /// SHA-256 (hex, first 16) of the categories and their cookies' names and providers.
    public var cookieHash: String
    public var reaskDays: Int
    public var gpcHonoured: Bool
    /// `do_not_track: honoured`: the banner treats `DNT: 1` like Global Privacy Control.
    public var dntHonoured: Bool
    public var categories: [Category]
    public var defaultLanguage: String
    public var texts: [String: Texts]
    /// The company's colour (`branding.colour`, checked for contrast) for the banner's links and buttons; nil for
    /// Sargs' own.
    public var accent: String?

    /// - Parameters:
    ///   - languages: the languages to include (default: all the policy's).
    ///   - baseURL: where Sargs is reached (the endpoint and the notice link).
    /// The hash a recorded choice names: SHA-256 (hex, first 16) of the categories, their purposes
    /// and their cookies' names and providers. A change of the cookie list changes it, and the banner asks again.
    public static func cookieHash(_ cookies: CookiePolicy?) -> String {
        let material = (cookies?.categories ?? []).map { category in
            ([category.kind.rawValue, category.purpose ?? ""] + category.cookies.flatMap { [$0.name, $0.provider] })
                .joined(separator: "|")
        }.joined(separator: "\n")
        return String(SHA256.hash(data: Data(material.utf8)).hex.prefix(16))
    }

    public init(policy: Policy, baseURL: String, languages: [String]? = nil, reaskDays: Int = 182) throws {
        let cookies = policy.cookies ?? CookiePolicy(doNotTrack: nil, globalPrivacyControl: .honoured, categories: [])
        endpoint = "\(baseURL)/consent/cookies"
        policyVersion = policy.policy.version
        self.reaskDays = reaskDays
        gpcHonoured = cookies.globalPrivacyControl == .honoured
        dntHonoured = cookies.doNotTrack == .honoured
        let kinds = cookies.categories.map(\.kind)
        categories = CookieCategory.Kind.allCases.filter(kinds.contains).map { kind in
            Category(
                kind: kind.rawValue, required: kind == .strictlyNecessary, gpc: kind == .marketing,
                consentMode: Self.consentMode(kind))
        }
        cookieHash = Self.cookieHash(cookies)
        defaultLanguage = policy.authoritativeLanguage
        var texts: [String: Texts] = [:]
        for language in languages ?? policy.languages {
            texts[language] = try Self.texts(cookies, policy: policy, language: language, baseURL: baseURL)
        }
        self.texts = texts
        accent = policy.branding?.colour
    }

    /// Google Consent Mode v2 signals a category grants.
    static func consentMode(_ kind: CookieCategory.Kind) -> [String] {
        switch kind {
        case .statistics: return ["analytics_storage"]
        case .marketing: return ["ad_storage", "ad_user_data", "ad_personalization"]
        case .preferences: return ["functionality_storage", "personalization_storage"]
        case .strictlyNecessary: return ["security_storage"]
        }
    }

    static func texts(_ cookies: CookiePolicy, policy: Policy, language: String, baseURL: String) throws -> Texts {
        let strings = try NoticeStrings(language: language)
        var kinds: [String: Texts.Kind] = [:]
        for category in cookies.categories {
            let rows = category.cookies.map { cookie -> [String] in
                let lifetime =
                    cookie.duration == "session"
                    ? strings.text("cookies.session")
                    : (try? ISODuration(parsing: cookie.duration)).map { PeriodWording.duration($0, strings) }
                        ?? cookie.duration
                return [
                    cookie.name, cookie.provider, lifetime,
                    cookie.purpose.text(in: language, fallback: policy.authoritativeLanguage),
                ]
            }
            let description =
                category.description?.text(in: language, fallback: policy.authoritativeLanguage)
                ?? category.purpose.flatMap(policy.purpose).map {
                    $0.description.text(in: language, fallback: policy.authoritativeLanguage)
                } ?? ""
            kinds[
                category.kind.rawValue,
                default: Texts.Kind(
                    name: strings.text("cookie.kind.\(category.kind.rawValue)"), description: description,
                    cookies: [], count: "")
            ].cookies += rows
        }
        for (kind, texts) in kinds {
            kinds[kind]?.count = PeriodWording.count(texts.cookies.count, unit: "cookie", strings)
        }
        return Texts(
            title: strings.text("banner.title"), text: strings.text("banner.text"),
            accept: strings.text("banner.accept"),
            reject: strings.text("banner.reject"), settings: strings.text("banner.settings"),
            save: strings.text("banner.save"),
            always: strings.text("banner.always"), gpc: strings.text("banner.gpc"),
            dnt: cookies.doNotTrack.map { strings.text("cookies.dnt.\($0.rawValue)") } ?? "",
            notice: policy.policy.title?.text(in: language, fallback: policy.authoritativeLanguage)
                ?? strings.text("title.default"),
            noticeURL: "\(baseURL)/notice?lang=\(language)#cookies",
            headers: ["name", "provider", "duration", "purpose"].map { strings.text("cookies.header.\($0)") },
            kinds: kinds)
    }
}
