import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// The privacy center's consent pages (GDPR Art. 7(1), 7(3)), on SQLite or PostgreSQL.
@Suite("Privacy center consents")
struct ConsentCenterTests {
    typealias Visitor = PrivacyCenterTests.Visitor

    /// Signs in with the code e-mailed to `address`; returns the manage page.
    static func signIn(
        _ visitor: inout Visitor, _ app: Application, address: String
    ) async throws -> TestingHTTPResponse {
        let start = try await visitor.open("privacy/consents?lang=en")
        let posted = try await visitor.post(
            "privacy/consents?lang=en", [("csrf", try Visitor.csrf(in: start)), ("email", address)])
        #expect(posted.status == .seeOther)
        let verifyPath = String(try #require(posted.headers.first(name: .location)).dropFirst())
        visitor.lastVerifyPath = String(verifyPath.split(separator: "?")[0])
        let code = try #require(try await SentMail.deliverAndRead(app).last { $0.to == address }?.code)
        let verifyPage = try await visitor.open(verifyPath)
        let verified = try await visitor.post(verifyPath, [("csrf", try Visitor.csrf(in: verifyPage)), ("code", code)])
        #expect(verified.status == .seeOther)
        let session = try #require(verified.headers[.setCookie].first { $0.hasPrefix("sargs_consents=") })
        #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict"))
        visitor.cookie += "; " + String(session.split(separator: ";")[0])
        return try await visitor.open(String(try #require(verified.headers.first(name: .location)).dropFirst()))
    }

    @Test(
        """
        Art. 7(3): after the code, each consent with its state and \
        history; withdrawing is one click and the decision API follows
        """
    )
    func manage() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: anna, purpose: "marketing", channel: "email")
            var visitor = Visitor(app: app)
            let page = try await Self.signIn(&visitor, app, address: NewSubject.annasEmail)
            let html = page.body.string
            #expect(
                page.status == .ok && html.contains("Offers of further products and services")
                    && html.contains("Given"), "\(html)")
            #expect(
                html.contains(
                    """
                    role="switch" aria-checked="true" aria-label="Offers of further products and services, e-mail"
                    """
                ),
                "each channel is a switch named by purpose and channel, on while consent is given")
            #expect(
                html.contains("with a form on our website") && !html.contains("web_form"),
                "the history says in words how consent was given, never the caller's identifier")

            let withdrawn = try await visitor.post(
                "privacy/consents/manage?lang=en",
                [
                    ("csrf", try Visitor.csrf(in: page)), ("purpose", "marketing"),
                    ("channel", "email"), ("state", "withdrawn"),
                ])
            #expect(withdrawn.status == .seeOther)
            let decision = try await decide(
                app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"])
            #expect(!decision.allowed && decision.reason == "consent_withdrawn")
            let event = try #require(
                try await ConsentEventModel.query(on: app.db).filter(\.$state == .withdrawn).first())
            #expect(event.method == "privacy_center" && event.verifiedBy == "code:email" && event.evidence != nil)

            let after = try await visitor.open("privacy/consents/manage?lang=en&saved=1")
            #expect(
                after.body.string.contains("Saved.") && after.body.string.contains("you withdrew consent to")
                    && after.body.string.contains("here in the privacy center"),
                "the history in plain sentences: what, when, how")
            #expect(
                after.body.string.contains(
                    "aria-checked=\"false\" aria-label=\"Offers of further products and services, e-mail\""))
            #expect(
                !after.body.string.contains("privacy_center ")
                    && after.body.string.contains("<section class=\"consent-group\""),
                "grouped by purpose, channels under it")
            let given = try await visitor.post(
                "privacy/consents/manage?lang=en",
                [
                    ("csrf", try Visitor.csrf(in: after)), ("purpose", "web-analytics"),
                    ("channel", ""), ("state", "given"),
                ])
            #expect(given.status == .seeOther)
            #expect(
                try await decide(app, keys, ["subject_id": anna, "purpose": "web-analytics"]).allowed,
                "giving is as easy as withdrawing")
        }
    }

    @Test(
        """
        R18: a change the form cannot make (unknown purpose, unknown \
        state) answers with the page and a sentence, never raw JSON
        """
    )
    func badChangeAnswersWithPage() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            var visitor = Visitor(app: app)
            let page = try await Self.signIn(&visitor, app, address: NewSubject.annasEmail)
            for (purpose, state, status) in [
                ("no-such-purpose", "given", HTTPResponseStatus.unprocessableEntity),
                ("marketing", "maybe", .unprocessableEntity),
            ] {
                let answer = try await visitor.post(
                    "privacy/consents/manage?lang=en",
                    [
                        ("csrf", try Visitor.csrf(in: page)), ("purpose", purpose),
                        ("channel", "email"), ("state", state),
                    ])
                #expect(answer.status == status)
                #expect(
                    answer.headers.contentType?.subType == "html"
                        && answer.body.string.contains("That change could not be made"),
                    "\(answer.body.string)")
            }
            #expect(try await ConsentEventModel.query(on: app.db).count() == 0)
        }
    }

    @Test(
        """
        EDPB 05/2020 §110: a consent the version in force no \
        longer honours is shown as such, with giving it again offered
        """
    )
    func outdated() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, keys, _ in
            let anna = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: anna, purpose: "contests-and-surveys")
            let published = try await PolicyVersionTests.publish(
                app, keys, yaml: try PolicyVersionTests.nextVersion(),
                effectiveOn: PolicyVersionTests.today(context).adding(days: 30))
            #expect(published.status == .created)
            clock.advance(days: 30)
            var visitor = Visitor(app: app)
            let page = try await Self.signIn(&visitor, app, address: NewSubject.annasEmail)
            #expect(page.body.string.contains("Given under an earlier notice"), "\(page.body.string)")
            let renewed = try await visitor.post(
                "privacy/consents/manage?lang=en",
                [
                    ("csrf", try Visitor.csrf(in: page)),
                    ("purpose", "contests-and-surveys"), ("channel", "email"),
                    ("state", "given"),
                ])
            #expect(renewed.status == .seeOther)
            #expect(
                try await decide(
                    app, keys, ["subject_id": anna, "purpose": "contests-and-surveys", "channel": "email"]
                ).allowed)
        }
    }

    @Test(
        """
        An unknown address gets the same page and no code; no session \
        cookie means no consents; a changed form token is refused
        """
    )
    func refusals() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: anna, purpose: "marketing", channel: "email")
            var visitor = Visitor(app: app)
            let start = try await visitor.open("privacy/consents")
            let unknown = try await visitor.post(
                "privacy/consents", [("csrf", try Visitor.csrf(in: start)), ("email", "nobody@example.lv")])
            #expect(unknown.status == .seeOther)
            #expect(try await SentMail.deliverAndRead(app).isEmpty, "no code to an unknown address")
            let verifyPath = String(try #require(unknown.headers.first(name: .location)).dropFirst())
            let verifyPage = try await visitor.open(verifyPath)
            let guess = try await visitor.post(
                verifyPath, [("csrf", try Visitor.csrf(in: verifyPage)), ("code", "123456")])
            #expect(guess.status == .unprocessableEntity)

            let noSession = try await app.testing().sendRequest(.GET, "privacy/consents/manage")
            #expect(noSession.status == .unauthorized && !noSession.body.string.contains("Offers"))
            let page = try await Self.signIn(&visitor, app, address: NewSubject.annasEmail)
            // The sign-in link's token, read from a history, is not a session cookie.
            let linkToken = try #require(visitor.lastVerifyPath?.split(separator: "/").dropLast().last)
            let replayed = try await app.testing().sendRequest(
                .GET, "privacy/consents/manage", headers: ["Cookie": "sargs_consents=\(linkToken)"])
            #expect(replayed.status == .unauthorized)
            let forged = try await visitor.post(
                "privacy/consents/manage",
                [
                    ("csrf", "00"), ("purpose", "marketing"), ("channel", "email"),
                    ("state", "withdrawn"),
                ])
            #expect(forged.status == .unauthorized)
            #expect(page.status == .ok)
            #expect(
                try await decide(app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"]).allowed)
        }
    }
}
