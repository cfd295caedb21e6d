import SargsCore

/// What every page's layout (`base.leaf`) shows: the language, the controller, the language
/// switcher among the policy's languages, and the link to the notice.
struct PageFrame: Encodable, Sendable {
    struct LanguageChoice: Encodable, Sendable {
        var code: String
        var name: String
        var href: String
        var current: Bool
    }

    var language: String
    var title: String
    var controller: String
    /// Whether the policy names a logo (served at `/assets/logo`).
    var hasLogo: Bool
    var assets: String
    var skip: String
    var languagesLabel: String
    var languages: [LanguageChoice]
    var noticeHref: String
    var noticeLink: String

    /// - Parameter path: this page's path and query without `lang` (`Pages.selfPath`), to which the switcher adds
    ///   `lang=`.
    init(_ text: PageText, title: String, path: String) {
        language = text.language
        self.title = title
        controller = text.policy.branding?.name ?? text.policy.controllers.map(\.legalName).joined(separator: ", ")
        hasLogo = text.policy.branding?.logo != nil
        assets = "/assets"
        skip = text("skip")
        languagesLabel = text("languages")
        languages = text.policy.languages.map { code in
            LanguageChoice(
                code: code, name: PageText.languageNames[code] ?? code,
                href: "\(path)\(path.contains("?") ? "&" : "?")lang=\(code)", current: code == text.language)
        }
        noticeHref = "/notice?lang=\(text.language)"
        // One name for the document: the notice's own title (the policy's, or the default one).
        noticeLink =
            text.policy.policy.title.map { $0.text(in: text.language, fallback: text.policy.authoritativeLanguage) }
            ?? text.strings.text("title.default")
    }
}

/// A page with a heading, one message and, unless `done`, a form with one button (`message.leaf`):
/// the unsubscribe page, and the pages that say a link is not valid.
struct MessagePage: Encodable, Sendable {
    var page: PageFrame
    var message: String
    var button: String
    var action: String
    var done: Bool
}
