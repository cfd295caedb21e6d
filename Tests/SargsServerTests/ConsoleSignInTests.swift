import Fluent
import Foundation
import SargsCore
@testable import SargsServer
import Testing
import VaporTesting

@Suite("Console sign-in and sessions")
struct ConsoleSignInTests {
    @Test("A staff member signs in with the e-mailed code; the session cookie is HttpOnly, SameSite=Strict, stored only hashed")
    func signInWithCode() async throws {
        try await withSargs { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var browser = ConsoleBrowser(app: app)
            #expect(try await browser.open("console").status == .seeOther, "signed out: to the sign-in page")
            let signedIn = try await browser.signIn(ConsoleStaff.dpo)
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/console")
            let set = try #require(signedIn.headers[.setCookie].first { $0.hasPrefix("sargs_staff=") })
            #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/console"))
            let token = try #require(browser.cookies["sargs_staff"])
            let stored = try await StaffSessionModel.query(on: app.db).all()
            #expect(stored.count == 1 && stored[0].tokenHash == StaffSessions.hash(token) && stored[0].tokenHash != token)
            let today = try await browser.open("console")
            #expect(today.status == .ok && today.body.string.contains("Today"))
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "staff.sign_in").all()
            #expect(audit.map(\.result) == ["ok:code"] && audit[0].actor.hasPrefix("staff:"))
        }
    }

    @Test("A used code is refused the second time; an expired code is refused; an unknown address gets the same answer and no mail")
    func codeReuseExpiryUnknown() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var browser = ConsoleBrowser(app: app)
            let codePage = try await browser.requestCode(ConsoleStaff.dpo)
            let code = try #require(try await SentMail.deliverAndRead(app).last?.code)
            try await browser.open(codePage)
            #expect(try await browser.post(codePage, [("code", code)]).status == .seeOther)
            var other = ConsoleBrowser(app: app)
            try await other.open(codePage)
            let reused = try await other.post(codePage, [("code", code)])
            #expect(reused.status == .conflict && other.cookies["sargs_staff"] == nil)

            var late = ConsoleBrowser(app: app)
            let latePage = try await late.requestCode(ConsoleStaff.dpo)
            let lateCode = try #require(try await SentMail.deliverAndRead(app).compactMap(\.code).first { $0 != code })
            clock.advance(by: 16 * 60)
            try await late.open(latePage)
            #expect(try await late.post(latePage, [("code", lateCode)]).status == .unprocessableEntity)

            let before = try await SentMail.deliverAndRead(app).count
            var stranger = ConsoleBrowser(app: app)
            let strangerPage = try await stranger.requestCode("nobody@coral-club.example")
            #expect(strangerPage.hasPrefix("console/sign-in/") && !strangerPage.contains("nobody"))
            #expect(try await SentMail.deliverAndRead(app).count == before, "no code goes to an address that is not staff")
            try await stranger.open(strangerPage)
            #expect(try await stranger.post(strangerPage, [("code", "123456")]).status == .unprocessableEntity)
        }
    }

    @Test("Sign-in codes are rate-limited per address")
    func rateLimit() async throws {
        try await withSargs { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var browser = ConsoleBrowser(app: app)
            for _ in 0..<StaffSignIn.codesPerAddressPerHour { _ = try await browser.requestCode(ConsoleStaff.dpo) }
            try await browser.open("console/sign-in")
            #expect(try await browser.post("console/sign-in", [("email", ConsoleStaff.dpo)]).status == .tooManyRequests)
        }
    }

    @Test("Sessions end after 30 idle minutes and 12 hours at most, and on sign-out everywhere")
    func sessionExpiry() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var idle = ConsoleBrowser(app: app)
            try await idle.signIn(ConsoleStaff.dpo)
            clock.advance(by: 29 * 60)
            #expect(try await idle.open("console").status == .ok)
            clock.advance(by: 31 * 60)
            #expect(try await idle.open("console").status == .seeOther, "idle for 31 minutes")

            var active = ConsoleBrowser(app: app)
            try await active.signIn(ConsoleStaff.dpo)
            for _ in 0..<35 {
                clock.advance(by: 20 * 60)
                #expect(try await active.open("console").status == .ok)
            }
            clock.advance(by: 20 * 60)
            #expect(try await active.open("console").status == .seeOther, "past the absolute 12 hours")

            var first = ConsoleBrowser(app: app), second = ConsoleBrowser(app: app)
            try await first.signIn(ConsoleStaff.dpo)
            try await second.signIn(ConsoleStaff.dpo)
            try await first.open("console/account")
            #expect(try await first.post("console/sign-out", [("everywhere", "1")]).status == .seeOther)
            #expect(try await second.open("console").status == .seeOther, "signed out everywhere")
        }
    }

    @Test("A form posted without this browser's token is refused and changes nothing")
    func csrfRefused() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            var browser = ConsoleBrowser(app: app)
            try await browser.signIn(ConsoleStaff.dpo)
            try await browser.open("console/requests/\(id)")
            let forged = try await browser.post("console/requests/\(id)/approve", [], csrf: String(repeating: "0", count: 64))
            #expect(forged.status == .forbidden)
            let request = try #require(try await RequestModel.find(UUID(uuidString: id), on: app.db))
            #expect(request.status == .verified)
        }
    }

    @Test("RFC 6238: a member enrols an authenticator app; every later sign-in asks for its code, and a code is accepted once")
    func totpSecondFactor() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var browser = ConsoleBrowser(app: app)
            try await browser.signIn(ConsoleStaff.dpo)
            try await browser.open("console/account")
            let enrolment = try await browser.post("console/account/totp", [])
            #expect(enrolment.body.string.contains("<svg"), "the QR code is shown")
            let secret = try #require(enrolment.body.string.firstMatch(of: /<code>([A-Z2-7]+)<\/code>/).map { String($0.1) })
            let sealed = try #require(enrolment.body.string.firstMatch(of: /name="enrolment" value="([^"]+)"/).map { String($0.1) })
            let totp = TOTP(secret: try Base32.decode(secret))
            let wrong = try await browser.post("console/account/totp/confirm", [("enrolment", sealed), ("totp", "000000")])
            #expect(wrong.status == .unprocessableEntity || totp.code(at: clock.now) == "000000")
            let confirmed = try await browser.post("console/account/totp/confirm", [("enrolment", sealed), ("totp", totp.code(at: clock.now))])
            #expect(confirmed.status == .seeOther)

            clock.advance(by: 60)
            var next = ConsoleBrowser(app: app)
            let afterCode = try await next.signIn(ConsoleStaff.dpo)
            #expect(afterCode.status == .ok && afterCode.body.string.contains("name=\"totp\"") && next.cookies["sargs_staff"] == nil)
            let totpPath = try #require(afterCode.body.string.firstMatch(of: /action="\/(console\/sign-in\/[^"]+\/totp)"/).map { String($0.1) })
            #expect(try await next.post(totpPath, [("totp", totp.code(at: clock.now.addingTimeInterval(-3_600)))]).status == .unprocessableEntity)
            let signedIn = try await next.post(totpPath, [("totp", totp.code(at: clock.now))])
            #expect(signedIn.status == .seeOther && next.cookies["sargs_staff"] != nil)

            var replay = ConsoleBrowser(app: app)
            let replayCode = try await replay.signIn(ConsoleStaff.dpo)
            let replayPath = try #require(replayCode.body.string.firstMatch(of: /action="\/(console\/sign-in\/[^"]+\/totp)"/).map { String($0.1) })
            #expect(try await replay.post(replayPath, [("totp", totp.code(at: clock.now))]).status == .unprocessableEntity,
                    "the same time step is not accepted twice")
        }
    }

    @Test("SARGS_CONSOLE_ADMIN_TOTP=required: an admin without a second factor enrols at sign-in before any session")
    func adminMustEnrol() async throws {
        let clock = ManualClock.testing()
        try await withSargs(environment: ["SARGS_CONSOLE_ADMIN_TOTP": "required"], clock: clock) { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.admin, .admin)
            var browser = ConsoleBrowser(app: app)
            let page = try await browser.signIn(ConsoleStaff.admin)
            #expect(page.status == .ok && page.body.string.contains("<svg") && browser.cookies["sargs_staff"] == nil)
            let secret = try #require(page.body.string.firstMatch(of: /<code>([A-Z2-7]+)<\/code>/).map { String($0.1) })
            let sealed = try #require(page.body.string.firstMatch(of: /name="enrolment" value="([^"]+)"/).map { String($0.1) })
            let action = try #require(page.body.string.firstMatch(of: /action="\/(console\/sign-in\/[^"]+\/enrol)"/).map { String($0.1) })
            let done = try await browser.post(action, [("enrolment", sealed), ("totp", TOTP(secret: try Base32.decode(secret)).code(at: clock.now))])
            #expect(done.status == .seeOther && browser.cookies["sargs_staff"] != nil)
            let member = try #require(try await StaffMemberModel.query(on: app.db).first())
            #expect(member.totpSealed != nil)
        }
    }
}
