import Foundation
@testable import SargsServer
import Testing
import VaporTesting

/// The company's name, logo and colour on the pages (issue 23), from the policy's `branding`.
@Suite("Branding")
struct BrandingTests {
    static let logo =
        ##"""
        <svg xmlns="http://www.w3.org/2000/svg" width="32" \##
        height="32"><circle cx="16" cy="16" r="14" fill="#006b5f"/></svg>
        """##

    @Test(
        """
        The privacy center shows the company's name and logo, \
        served by Sargs itself, and links and buttons take its colour
        """
    )
    func pagesLookLikeTheCompany() async throws {
        let variant = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "languages: [lv, en]",
            with: "languages: [lv, en]\nbranding:\n  name: Coral Club Baltic\n  logo: logo.svg\n  colour: \"#006b5f\"")
        defer { variant.remove() }
        try Self.logo.write(to: variant.directory.appendingPathComponent("logo.svg"), atomically: true, encoding: .utf8)
        try await withSargs(policy: variant.path) { app, _, _, _ in
            let page = try await app.testing().sendRequest(.GET, "privacy?lang=en").body.string
            #expect(page.contains("<img src=\"/assets/logo\" alt=\"\" height=\"32\"> Coral Club Baltic"))
            let css = try await app.testing().sendRequest(.GET, "assets/sargs.css").body.string
            #expect(css.hasSuffix(":root{--accent:#006b5f}"))
            let logo = try await app.testing().sendRequest(.GET, "assets/logo")
            #expect(
                logo.status == .ok && logo.headers.contentType?.subType == "svg+xml"
                    && logo.body.string.contains("circle"))
            #expect(
                logo.headers.first(name: "Content-Security-Policy")?.contains("default-src 'none'") == true,
                "an SVG opened alone runs nothing")
            let banner = try await app.testing().sendRequest(.GET, "consent.js?lang=en").body.string
            #expect(banner.contains("\"accent\":\"#006b5f\""), "the banner's buttons take the colour too")
            let notice = try await app.testing().sendRequest(.GET, "notice?lang=en").body.string
            #expect(
                notice.contains("@media not (prefers-color-scheme:dark){:root{--accent:#006b5f}}"),
                "the printable notice takes the colour on a light page; a dark page keeps its readable accent")
        }
    }

    @Test("A logo that cannot be read stops the start with its reason; without branding the pages keep Sargs' look")
    func missingLogo() async throws {
        let variant = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "languages: [lv, en]",
            with: "languages: [lv, en]\nbranding:\n  logo: nowhere.png")
        defer { variant.remove() }
        let error = await #expect(throws: (any Error).self) {
            try await withSargs(policy: variant.path) { _, _, _, _ in }
        }
        #expect(
            "\(error.map { "\($0)" } ?? "")".contains("branding.logo")
                && "\(error.map { "\($0)" } ?? "")".contains("nowhere.png"))
        try await withSargs { app, _, _, _ in
            let css = try await app.testing().sendRequest(.GET, "assets/sargs.css").body.string
            #expect(!css.contains(":root{--accent:"), "no override without branding")
            let notice = try await app.testing().sendRequest(.GET, "notice?lang=en").body.string
            #expect(
                notice.contains("<style>") && !notice.contains("prefers-color-scheme:dark){:root{--accent:#"),
                "the notice keeps Sargs' accent")
            #expect(try await app.testing().sendRequest(.GET, "assets/logo").status == .notFound)
        }
    }
}
