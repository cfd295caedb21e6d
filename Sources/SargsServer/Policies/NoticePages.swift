import Fluent
import Foundation
import SargsCore
import SargsKit

/// Renders the public notice of a policy version in the reader's language.
struct NoticePages: Sendable {
    let context: SargsContext
    /// Where the privacy center is mounted, which the notice links to.
    var privacyCenter = "/privacy"

    struct Preference: Sendable {
        var explicit: String?
        var acceptLanguage: String?
    }

    struct Page: Sendable {
        var language: String
        var html: String
    }

    /// The notice of the version in force.
    func current(preference: Preference, on database: any Database) async throws -> Page {
        try render(context.rules.policy, preference)
    }

    /// The notice of any recorded version, scheduled ones included.
    func version(_ id: UUID, preference: Preference, on database: any Database) async throws -> Page {
        guard let row = try await PolicyVersionModel.find(id, on: database) else {
            throw DomainError.notFound("policy version")
        }
        return try render(try PolicyVersionStore.policy(of: row), preference)
    }

    func render(_ policy: Policy, _ preference: Preference) throws -> Page {
        let language = LanguagePreference.choose(
            explicit: preference.explicit, acceptLanguage: preference.acceptLanguage,
            available: policy.languages, fallback: policy.authoritativeLanguage)
        let document = try NoticeBuilder(policy: policy, language: language).build()
        let strings = try NoticeStrings(language: language)
        let site = HTMLNoticeWriter.SiteBar(
            controller: policy.controllers.map(\.legalName).joined(separator: ", "),
            languagesLabel: strings.text("page.languages"),
            languages: policy.languages.map {
                .init(code: $0, name: PageText.languageNames[$0] ?? $0, href: "?lang=\($0)")
            },
            centerLabel: strings.text("page.center.title"), centerHref: "\(privacyCenter)?lang=\(language)")
        return Page(language: language, html: HTMLNoticeWriter.write(document, site: site))
    }
}
