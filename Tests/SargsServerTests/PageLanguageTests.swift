import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing
import VaporTesting

/// Every page, in every language of the examples, shows words: a catalogue key that has no text
/// (which the catalogue would print as the key itself) or a raw enum value fails the test (issue 23).
@Suite("Pages speak the page's language")
struct PageLanguageTests {
    /// Keys of the catalogues, as they would show when a text is missing.
    static var rawKey: Regex<Substring> {
        #/
        \b(?:console|page|center|request|message|banner|cookies|cookie|unit|section|notice|rights|basis)
        \.[a-z_]+(?:\.[a-z_0-9]+)*\b
        /#
    }
    /// Values of the server's enumerations that must never reach a person as they are stored.
    static let rawValues = [
        "withdraw_consent", "automated_decision_review", "awaiting_verification", "in_progress", "legitimate_interests",
        "legal_obligation", "strictly_necessary", "risk_mitigated", "public_communication", "restriction_lift",
        "art14_notice", "identity_not_verified", "manifestly_unfounded", "eu-gdpr", "breaches.manage",
        "requests.decide",
        "audit.read",
    ]

    static let examples: [(policy: String, languages: [String])] = [
        ("examples/coral-club.yaml", ["lv", "en"]),
        ("examples/coral-travel/lithuania.yaml", ["lt", "en"]),
        ("examples/coral-travel/estonia.yaml", ["et", "en"]),
        ("examples/coral-travel/ukraine.yaml", ["uk", "en"]),
        ("examples/coral-travel/belarus.yaml", ["ru", "en"]),
    ]

    @Test(
        "The privacy center, the notice and every console page show no missing text and no raw value",
        arguments: examples)
    func everyPage(example: (policy: String, languages: [String])) async throws {
        try await withSargs(policy: example.policy) { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            // Coral Club's customer Anna; for the other seeds a request from an address no subject holds.
            let subject = example.policy.hasSuffix("coral-club.yaml") ? try await Factory.subject(app, keys) : nil
            let request = try await Factory.request(
                app, keys,
                [
                    "type": "access", "email": NewSubject.annasEmail, "language": example.languages[0],
                    "channel": "web",
                ])
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let publicPages = ["privacy", "privacy/requests/new?type=access", "privacy/consents", "notice"]
            let consolePages = [
                "console", "console/requests", "console/requests/\(request.id.uuidString.lowercased())",
                "console/subjects",
                subject.map { "console/subjects/\($0)" } ?? "console/subjects", "console/breaches",
                "console/breaches/new", "console/retention", "console/policy",
                "console/account", "console/outbox", "console/notices", "console/requests/new",
            ]
            for language in example.languages {
                for page in publicPages {
                    let response = try await app.testing().sendRequest(
                        .GET, page + (page.contains("?") ? "&" : "?") + "lang=\(language)")
                    Self.check(response.body.string, "\(example.policy) \(language) /\(page)")
                }
                for page in consolePages {
                    let response = try await dpo.open(page + (page.contains("?") ? "&" : "?") + "lang=\(language)")
                    #expect(response.status == .ok, "\(page)")
                    Self.check(response.body.string, "\(example.policy) \(language) /\(page)")
                }
            }
        }
    }

    @Test("A subject's consents show their state and channel in the page's language, not as stored")
    func consentStates() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            let subject = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: subject, purpose: "marketing", channel: "email")
            try await Factory.consent(
                app, keys, subject: subject, purpose: "marketing", state: "withdrawn", channel: "email")
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let latvian = Self.visibleText(try await dpo.open("console/subjects/\(subject)?lang=lv").body.string)
            #expect(
                latvian.contains("(e-pasts)") && latvian.contains("atsaukta") && latvian.contains("dota"),
                "\(latvian.prefix(2000))")
            #expect(!latvian.contains("(email)") && !latvian.contains(" withdrawn "))
        }
    }

    @Test("Console dates are written as the page's language writes them, times in the controller's local time")
    func dates() async throws {
        // 2026-12-05 10:00 UTC = 12:00 in Riga
        let clock = ManualClock.testing(Date(timeIntervalSince1970: 1_796_464_800))
        try await withSargs(clock: clock) { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            _ = try await Factory.subject(app, keys)
            let request = try await Factory.request(
                app, keys, ["type": "access", "email": NewSubject.annasEmail, "language": "lv", "channel": "web"])
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let latvian = Self.visibleText(
                try await dpo.open("console/requests/\(request.id.uuidString.lowercased())?lang=lv").body.string)
            #expect(
                latvian.contains("05.12.2026.") && latvian.contains("04.01.2027.") && !latvian.contains("2026-12-05"),
                "\(latvian.prefix(1500))")
            #expect(latvian.contains("12:00"), "the controller's local time (Riga), not UTC")
            let english = Self.visibleText(
                try await dpo.open("console/requests/\(request.id.uuidString.lowercased())?lang=en").body.string)
            #expect(
                english.contains("5 December 2026") && english.contains("Web (privacy center or API)")
                    && english.contains("Latviešu"))
        }
    }

    @Test(
        """
        The notice and the privacy center link to each other under one \
        name, and the notice has the site's bar with its language switcher
        """
    )
    func noticeAndCenter() async throws {
        try await withSargs { app, context, _, _ in
            let title = try #require(context.rules.policy.policy.title?.text(in: "lv", fallback: "lv"))
            let notice = try await app.testing().sendRequest(.GET, "notice?lang=lv").body.string
            #expect(
                notice.contains("<a href=\"/privacy?lang=lv\">Privātuma centrs</a>"),
                "the notice leads to the privacy center")
            #expect(
                notice.contains("hreflang=\"en\"") && notice.contains("aria-current=\"page\" lang=\"lv\""),
                "a language switcher")
            #expect(notice.contains("<h1>\(title)</h1>"))
            let center = try await app.testing().sendRequest(.GET, "privacy?lang=lv").body.string
            #expect(
                center.contains(">\(title)</a>"), "the privacy center names the document as the notice does: \(title)")
            let banner = try await app.testing().sendRequest(.GET, "consent.js?lang=lv").body.string
            #expect(banner.contains("\"notice\":\"\(title)\""), "and so does the banner")
        }
    }

    @Test("The account page names its permissions in the page's language; an audit filter that matches nothing says so")
    func accountAndAudit() async throws {
        try await withSargs { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let account = Self.visibleText(try await dpo.open("console/account?lang=lv").body.string)
            #expect(
                account.contains("Reģistrēt, novērtēt, paziņot, ziņot un slēgt pārkāpumus")
                    && !account.contains("breaches.manage"))
            let audit = Self.visibleText(try await dpo.open("console/audit?actor=nobody&lang=en").body.string)
            #expect(audit.contains("No entry matches these filters."))
            let entries = Self.visibleText(try await dpo.open("console/audit?lang=lv").body.string)
            #expect(
                entries.contains("pieteikšanās konsolē") && !entries.contains("staff.sign_in"),
                "what each entry records, in words")
            #expect(
                AuditAction.allCases.allSatisfy {
                    ConsoleText.english.keys.contains("console.audit.action.\($0.rawValue)")
                },
                "every audit action has its words")
        }
    }

    /// The page's visible text: no scripts or styles, no tags, entities as they read.
    static func visibleText(_ html: String) -> String {
        var text = html.replacing(/<script[\s\S]*?<\/script>/, with: " ").replacing(
            /<style[\s\S]*?<\/style>/, with: " ")
        text = text.replacing(/<[^>]+>/, with: " ")
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
    }

    static func check(_ html: String, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = visibleText(html)
        let keys = text.matches(of: rawKey).map { String($0.output) }
        #expect(keys.isEmpty, "\(label): text missing for \(Set(keys).sorted())", sourceLocation: sourceLocation)
        let values = rawValues.filter { text.contains($0) }
        #expect(values.isEmpty, "\(label): raw values \(values)", sourceLocation: sourceLocation)
    }
}
