import Fluent
import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing
import VaporTesting

@Suite("Console sign-in and sessions")
struct ConsoleSignInTests {
    @Test(
        """
        A staff member signs in with the e-mailed code; the session \
        cookie is HttpOnly, SameSite=Strict, stored only hashed
        """
    )
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
            #expect(
                stored.count == 1 && stored[0].tokenHash == StaffSessions.hash(token) && stored[0].tokenHash != token)
            let today = try await browser.open("console")
            #expect(today.status == .ok && today.body.string.contains("Today"))
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "staff.sign_in").all()
            #expect(audit.map(\.result) == ["ok:code"] && audit[0].actor.hasPrefix("staff:"))
        }
    }

    @Test(
        """
        A used code is refused the second time; an expired code is \
        refused; an unknown address gets the same answer and no mail
        """
    )
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
            #expect(
                try await SentMail.deliverAndRead(app).count == before, "no code goes to an address that is not staff")
            try await stranger.open(strangerPage)
            #expect(try await stranger.post(strangerPage, [("code", "123456")]).status == .unprocessableEntity)
        }
    }

    @Test("Sign-in codes are rate-limited per address and IP address")
    func rateLimit() async throws {
        try await withSargs { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var browser = ConsoleBrowser(app: app)
            for _ in 0..<StaffSignIn.codesPerAddressAndIPPerHour { _ = try await browser.requestCode(ConsoleStaff.dpo) }
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
            let forged = try await browser.post(
                "console/requests/\(id)/approve", [], csrf: String(repeating: "0", count: 64))
            #expect(forged.status == .forbidden)
            let request = try #require(try await RequestModel.find(UUID(uuidString: id), on: app.db))
            #expect(request.status == .verified)
        }
    }

    @Test(
        """
        RFC 6238: a member enrols an authenticator app; every \
        later sign-in asks for its code, and a code is accepted once
        """
    )
    func totpSecondFactor() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var browser = ConsoleBrowser(app: app)
            try await browser.signIn(ConsoleStaff.dpo)
            try await browser.open("console/account")
            let enrolment = try await browser.post("console/account/totp", [])
            #expect(enrolment.body.string.contains("<svg"), "the QR code is shown")
            let secret = try ConsoleBrowser.secret(in: enrolment)
            let sealed = try ConsoleBrowser.enrolment(in: enrolment)
            let totp = TOTP(secret: try Base32.decode(secret))
            let wrong = try await browser.post(
                "console/account/totp/confirm", [("enrolment", sealed), ("totp", "000000")])
            #expect(wrong.status == .unprocessableEntity || totp.code(at: clock.now) == "000000")
            let confirmed = try await browser.post(
                "console/account/totp/confirm", [("enrolment", sealed), ("totp", totp.code(at: clock.now))])
            #expect(confirmed.status == .seeOther)

            clock.advance(by: 60)
            var next = ConsoleBrowser(app: app)
            let afterCode = try await next.signIn(ConsoleStaff.dpo)
            #expect(
                afterCode.status == .ok && afterCode.body.string.contains("name=\"totp\"")
                    && next.cookies["sargs_staff"] == nil)
            let totpPath = try ConsoleBrowser.signInStep("totp", in: afterCode)
            #expect(
                try await next.post(totpPath, [("totp", totp.code(at: clock.now.addingTimeInterval(-3_600)))]).status
                    == .unprocessableEntity)
            let signedIn = try await next.post(totpPath, [("totp", totp.code(at: clock.now))])
            #expect(signedIn.status == .seeOther && next.cookies["sargs_staff"] != nil)

            var replay = ConsoleBrowser(app: app)
            let replayCode = try await replay.signIn(ConsoleStaff.dpo)
            let replayPath = try ConsoleBrowser.signInStep("totp", in: replayCode)
            let replayed = try await replay.post(replayPath, [("totp", totp.code(at: clock.now))])
            #expect(
                replayed.status == .unprocessableEntity && replay.cookies["sargs_staff"] == nil,
                "the same time step is not accepted twice: \(replayed.status) \(replayed.body.string.prefix(400))")
        }
    }

    @Test("An enrolment offered on the account page cannot replace the second factor at a later sign-in, and expires")
    func enrolmentTokenBoundToItsPurpose() async throws {
        let clock = ManualClock.testing()
        try await withSargs(environment: ["SARGS_CONSOLE_ADMIN_TOTP": "required"], clock: clock) { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.admin, .admin)
            // The admin enrols at the first sign-in …
            var owner = ConsoleBrowser(app: app)
            let first = try await owner.signIn(ConsoleStaff.admin)
            let secret = try ConsoleBrowser.secret(in: first)
            let sealed = try ConsoleBrowser.enrolment(in: first)
            let action = try ConsoleBrowser.signInStep("enrol", in: first)
            let totp = TOTP(secret: try Base32.decode(secret))
            #expect(
                try await owner.post(action, [("enrolment", sealed), ("totp", totp.code(at: clock.now))]).status
                    == .seeOther)
            // … and later opens (but never confirms) a replacement on the account page.
            try await owner.open("console/account")
            let offer = try await owner.post("console/account/totp", [])
            let stashed = try ConsoleBrowser.enrolment(in: offer)
            let stashedSecret = try ConsoleBrowser.secret(in: offer)
            // Someone with only the e-mailed code cannot use that offer to enrol their own app.
            clock.advance(by: 60)
            var intruder = ConsoleBrowser(app: app)
            let codeStep = try await intruder.signIn(ConsoleStaff.admin)
            let totpPath = String(try ConsoleBrowser.signInStep("totp", in: codeStep).dropLast("/totp".count))
            let forged = try await intruder.post(
                "\(totpPath)/enrol",
                [
                    ("enrolment", stashed),
                    ("totp", TOTP(secret: try Base32.decode(stashedSecret)).code(at: clock.now)),
                ])
            #expect(forged.status == .conflict && intruder.cookies["sargs_staff"] == nil)
            let member = try #require(try await StaffMemberModel.query(on: app.db).first())
            let stored = try Vault.openService(
                try #require(member.totpSealed), context: StaffAccounts.totpContext, with: context.masterKey)
            #expect([UInt8](stored) == (try Base32.decode(secret)), "the enrolled factor is unchanged")
            // The offer expires on the account page too.
            clock.advance(by: StaffSignIn.enrolmentLifetime)
            let late = try await owner.post(
                "console/account/totp/confirm",
                [
                    ("enrolment", stashed), ("current_totp", totp.code(at: clock.now)),
                    ("totp", TOTP(secret: try Base32.decode(stashedSecret)).code(at: clock.now)),
                ])
            #expect(late.status == .unprocessableEntity && late.body.string.contains("the enrolment has expired"))
        }
    }

    @Test("Second-factor guesses sent in parallel each use one of the five attempts; then the sign-in is over")
    func parallelTOTPGuesses() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            let secret = TOTP.generateSecret()
            let member = try #require(try await StaffMemberModel.query(on: app.db).first())
            member.totpSealed = try Vault.sealService(
                Data(secret), context: StaffAccounts.totpContext, with: context.masterKey)
            try await member.save(on: app.db)
            var browser = ConsoleBrowser(app: app)
            let step = try await browser.signIn(ConsoleStaff.dpo)
            let path = try ConsoleBrowser.signInStep("totp", in: step)
            let right = TOTP(secret: secret).code(at: clock.now)
            let wrong = right == "000000" ? "111111" : "000000"
            let guesser = browser
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var copy = guesser; _ = try await copy.post(path, [("totp", wrong)])
                    }
                }
                try await group.waitForAll()
            }
            let row = try #require(try await StaffSignInModel.query(on: app.db).first())
            #expect(row.failedAttempts == VerificationChallenge.maximumAttempts)
            #expect(
                try await browser.post(path, [("totp", right)]).status == .unprocessableEntity,
                "locked: even the right code is refused")
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
            let secret = try ConsoleBrowser.secret(in: page)
            let sealed = try ConsoleBrowser.enrolment(in: page)
            let action = try ConsoleBrowser.signInStep("enrol", in: page)
            let done = try await browser.post(
                action, [("enrolment", sealed), ("totp", TOTP(secret: try Base32.decode(secret)).code(at: clock.now))])
            #expect(done.status == .seeOther && browser.cookies["sargs_staff"] != nil)
            let member = try #require(try await StaffMemberModel.query(on: app.db).first())
            #expect(member.totpSealed != nil)
        }
    }
}
