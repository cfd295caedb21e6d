import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// Rendering a console page: the language (chosen with `?lang=`, kept in a cookie), the frame
/// with the navigation the member's permissions allow, the form token, and the pages' headers.
struct ConsolePages: Sendable {
    static let languageCookie = "sargs_console_lang"
    static let root = "/console"
    let context: SargsContext
    let forms: FormProtection

    /// One entry of the navigation.
    struct NavItem: Encodable, Sendable {
        var key: String
        var href: String
        var current: Bool
    }

    struct LanguageChoice: Encodable, Sendable {
        var code: String
        var name: String
        var href: String
        var current: Bool
    }

    /// What every console template receives: `lang` (for `#t`), the frame and the page's own data.
    struct View<Page: Encodable & Sendable>: Encodable, Sendable {
        var lang: String
        var title: String
        var csrf: String
        var signedIn: Bool
        var role: String
        var nav: [NavItem]
        var languages: [LanguageChoice]
        var error: String?
        var notice: String?
        var page: Page
    }

    /// The sections of the console, each shown only to those holding its permission.
    static let sections: [(key: String, path: String, permission: Permission?)] = [
        ("console.nav.today", "", .requestsRead),
        ("console.nav.requests", "/requests", .requestsRead),
        ("console.nav.subjects", "/subjects", .subjectsRead),
        ("console.nav.breaches", "/breaches", .breachesManage),
        ("console.nav.retention", "/retention", .retentionManage),
        ("console.nav.policy", "/policy", .policyManage),
        ("console.nav.notices", "/notices", .requestsDecide),
        ("console.nav.systems", "/systems", .requestsDecide),
        ("console.nav.outbox", "/outbox", .requestsDecide),
        ("console.nav.audit", "/audit", .auditRead),
        ("console.nav.account", "/account", nil),
    ]

    func language(_ request: Request) -> String {
        let rules = context.rules
        let available = ConsoleText.languages(of: rules.policy)
        if let explicit = request.query[String.self, at: "lang"], available.contains(explicit) { return explicit }
        if let kept = request.cookies[Self.languageCookie]?.string, available.contains(kept) { return kept }
        return LanguagePreference.choose(
            explicit: nil, acceptLanguage: request.headers.first(name: .acceptLanguage), available: available,
            fallback: available.contains("en") ? "en" : rules.policy.authoritativeLanguage)
    }

    func text(_ key: String, _ request: Request, _ values: [String: String] = [:]) -> String {
        ConsoleText.text(key, language: language(request), values)
    }

    /// Renders `template` with the frame around `page`.
    func render(
        _ template: String, title key: String, _ page: some Encodable & Sendable, status: HTTPResponseStatus = .ok,
        error: String? = nil, notice: String? = nil, _ request: Request
    ) async throws -> Response {
        let rules = context.rules
        let lang = language(request)
        var cookies = HTTPCookies()
        let signedIn = request.storage[ConsoleAuthentication.SignedInKey.self]
        let csrf = forms.token(for: request, setting: &cookies, binding: signedIn?.sessionID.wire)
        let path = request.url.path
        let nav: [NavItem] =
            signedIn.map { member -> [NavItem] in
                Self.sections.filter { $0.permission?.isGranted(to: member.role) ?? true }.map { section in
                    let href = Self.root + section.path
                    return NavItem(
                        key: section.key, href: href,
                        current: section.path.isEmpty ? path == href : path.hasPrefix(href))
                }
            } ?? []
        let others = (request.url.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }
        let base = path + (others.isEmpty ? "" : "?" + others.joined(separator: "&"))
        let languages = ConsoleText.languages(of: rules.policy).map { code in
            LanguageChoice(
                code: code, name: PageText.languageNames[code] ?? code,
                href: "\(base)\(base.contains("?") ? "&" : "?")lang=\(code)",
                current: code == lang)
        }
        let view = View(
            lang: lang, title: ConsoleText.text(key, language: lang), csrf: csrf, signedIn: signedIn != nil,
            role: signedIn.map { member in
                [member.name, ConsoleText.text("console.role.\(member.role.rawValue)", language: lang)].compactMap {
                    $0
                }.joined(separator: ", ")
            } ?? "",
            nav: nav, languages: languages, error: error, notice: notice, page: page)
        let response = try await Pages.render(template, view, status: status, language: lang, on: request)
        for (name, value) in cookies.all { response.cookies[name] = value }
        if request.query[String.self, at: "lang"] == lang {
            response.cookies[Self.languageCookie] = HTTPCookies.Value(
                string: lang, maxAge: 365 * 86_400, path: Self.root, isSecure: forms.secure,
                isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }

    /// The message for a domain error, in the staff member's language where the console has one,
    /// otherwise the error's own text (which never carries a personal value).
    func message(for error: DomainError, _ request: Request) -> String {
        let detail = error.field.map { "\($0): \(error.description)" } ?? error.description
        return text("console.error", request, ["value": detail])
    }

    /// Whether a posted form carries this browser's form token (bound to the session once signed in).
    func acceptsForm(_ request: Request) -> Bool {
        forms.accepts(
            try? request.content.get(String.self, at: "csrf"), from: request,
            binding: request.storage[ConsoleAuthentication.SignedInKey.self]?.sessionID.wire)
    }
}

extension ConsolePages {
    /// The HTTP status a console page answers a domain error with: the API's (`APIProblem`).
    func status(of error: DomainError) -> HTTPResponseStatus { APIProblem(error).status }
}

/// Console pages answer a refused or impossible action with a page, not a JSON problem: the
/// message and the status the API would give.
struct ConsoleErrors: AsyncMiddleware {
    let pages: ConsolePages

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as DomainError {
            struct Empty: Encodable, Sendable {}
            return try await pages.render(
                "console-message", title: "console.error.title", Empty(), status: pages.status(of: error),
                error: pages.message(for: error, request), request)
        }
    }
}

/// One choice of a `<select>`: its value, its wording key, and whether it is chosen.
struct ConsoleOption: Encodable, Sendable {
    var value: String
    var key: String
    var selected: Bool
}
