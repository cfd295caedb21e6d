import Fluent
import Foundation
import SargsCore
@testable import SargsKit
@testable import SargsServer
import Testing
import VaporTesting

@Suite("Console pages and actions")
struct ConsolePagesTests {
    @Test(
        """
        Art. 12(3), 15: a DPO attests, approves and downloads an access request \
        in the console; the records are the API's, the actor the staff member
        """
    )
    func requestThroughConsole() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            _ = try await Factory.subject(app, keys)
            let created = try await Factory.request(
                app, keys, ["type": "access", "email": NewSubject.annasEmail, "language": "lv", "channel": "web"])
            let id = created.id.uuidString.lowercased()
            var browser = ConsoleBrowser(app: app)
            try await browser.signIn(ConsoleStaff.dpo)
            let today = try await browser.open("console")
            #expect(today.body.string.contains("/console/requests/\(id)"), "the open request is listed by due date")
            #expect(
                today.body.string.contains("<td>\(NewSubject.annasEmail)</td>"),
                "Today shows who made the request (the address it is answered at)")
            let page = try await browser.open("console/requests/\(id)")
            #expect(page.status == .ok && page.body.string.contains("action=\"/console/requests/\(id)/attest\""))
            #expect(!page.body.string.contains("/approve\""), "approve is not offered before verification")
            // Staff wording and words, never machine values: the type, the timeline and the messages.
            #expect(page.body.string.contains("Access request") && !page.body.string.contains("access to your data"))
            #expect(page.body.string.contains("<strong>received</strong>") && page.body.string.contains("code sent"))
            #expect(
                page.body.string.contains("e-mail · acknowledgement of a request")
                    && !page.body.string.contains("email · acknowledgement"))
            // Art. 12(3): the period in words, and the extension picked from the lawful choices with the date each
            // gives.
            #expect(
                page.body.string.contains("The answer period is 30 days from receipt.")
                    && !page.body.string.contains("P30D"),
                "Coral Club promises 30 days; in words, not ISO 8601")
            #expect(page.body.string.contains("Days left:"))
            let attested = try await browser.post(
                "console/requests/\(id)/attest",
                [("method", "identity_document"), ("checked", "passport seen at the desk")])
            #expect(attested.status == .seeOther)
            #expect(try await browser.post("console/requests/\(id)/approve", [("note", "")]).status == .seeOther)
            let model = try #require(try await RequestModel.find(UUID(uuidString: id), on: app.db))
            #expect(model.status == .completed, "an access request is answered when approved")
            let answered = try await browser.open("console/requests/\(id)")
            #expect(!answered.body.string.contains("Days left:"), "a completed request counts no days")
            let events = try await RequestEventModel.query(on: app.db).filter(\.$requestID == UUID(uuidString: id)!)
                .all()
            let member = try #require(try await StaffMemberModel.query(on: app.db).first()).id!.wire
            #expect(events.contains { $0.action == .verify && $0.actor == "staff:\(member)" })
            #expect(events.contains { $0.action == .approve && $0.actor == "staff:\(member)" })
            let export = try await browser.open("console/requests/\(id)/export")
            #expect(
                export.status == .ok && export.headers.contentType?.subType == "zip" && export.body.readableBytes > 100)
            let downloads = try await AuditEntryModel.query(on: app.db).filter(\.$action == "export.download").all()
            #expect(downloads.map(\.actor) == ["staff:\(member)"])
            let staffEntries = try await AuditEntryModel.query(on: app.db).filter(\.$actor == "staff:\(member)").all()
            #expect(
                staffEntries.count >= 4
                    && staffEntries.allSatisfy { !$0.result.contains("@") && !$0.result.contains("passport") })
        }
    }

    @Test(
        """
        Art. 12(3), 12(4), 22(3): extend, reject, approve and \
        complete through the console leave the records the API leaves
        """
    )
    func consoleAndAPIAgree() async throws {
        let clock = ManualClock.testing()
        // Coral Club's seed offers no extension (l.131); the GDPR's two months are put back to exercise it.
        let extendable = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "  maximum_extension: P0D\n", with: "")
        defer { extendable.remove() }
        try await withSargs(policy: extendable.path, clock: clock) { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            _ = try await Factory.subject(app, keys)
            var dpo = ConsoleBrowser(app: app)
            /// The parts of a request that must not depend on who acted: status, dates, outcome, the
            /// history's actions and notes, and the messages queued.
            func record(_ id: String) async throws -> [String] {
                let uuid = try #require(UUID(uuidString: id))
                let model = try #require(try await RequestModel.find(uuid, on: app.db))
                let events = try await RequestEventModel.query(on: app.db).filter(\.$requestID == uuid).sort(\.$at)
                    .all()
                let topics = try await OutboxMessageModel.query(on: app.db).filter(\.$requestID == uuid).all().map(
                    \.topic
                ).sorted()
                return [
                    "\(model.status)", "\(model.dueOn)", "\(model.extended)",
                    "\(String(describing: model.outcomeValue))",
                ]
                    + events.map { "\($0.action.rawValue):\($0.status.rawValue)" } + topics
            }
            // Apart in time enough for the requester's rate limit, and for each code to be the newest mail.
            func pair(
                _ type: String, details: [String: any Sendable]? = nil
            ) async throws -> (api: String, console: String) {
                clock.advance(by: 3_601)
                let api = try await Factory.verifiedRequest(app, keys, type: type, details: details)
                clock.advance(by: 1)
                let console = try await Factory.verifiedRequest(app, keys, type: type, details: details)
                try await dpo.signIn(ConsoleStaff.dpo)  // the hour passed ended the last session
                return (api, console)
            }
            func console(_ id: String, _ action: String, _ fields: [(String, String)]) async throws {
                try await dpo.open("console/requests/\(id)")
                let response = try await dpo.post("console/requests/\(id)/\(action)", fields)
                #expect(
                    response.status == .seeOther
                        && response.headers.first(name: .location)
                            == "/console/requests/\(id.lowercased())?done=\(action)",
                    "\(action): \(response.body.string.prefix(300))")
            }

            let extended = try await pair("access")
            try await RequestActions.perform(
                app, keys, extended.api, "extend", ["reasons": "Archive in storage", "by": "P1M"], as: keys.dpo)
            let offered = try await dpo.open("console/requests/\(extended.console)").body.string
            #expect(
                offered.contains("<option value=\"P2M\" selected>by 2 months, to ")
                    && offered.contains("<option value=\"P1M\">by 1 month, to "),
                "Art. 12(3): the lawful extensions, each with the due date it gives, not an ISO 8601 field")
            try await console(extended.console, "extend", [("reasons", "Archive in storage"), ("by", "P1M")])
            let a = try await record(extended.api), b = try await record(extended.console)
            #expect(a == b, "\(a)\n\(b)")

            let rejected = try await pair("erasure")
            try await RequestActions.perform(
                app, keys, rejected.api, "reject",
                ["kind": "excessive", "reason": "Fourth identical request this month"],
                as: keys.dpo)
            try await console(
                rejected.console, "reject", [("kind", "excessive"), ("reason", "Fourth identical request this month")])
            #expect(try await record(rejected.api) == (try await record(rejected.console)))

            let reviewed = try await pair("automated_decision_review", details: ["text": "Card limit refused"])
            for id in [reviewed.api] {
                try await RequestActions.perform(app, keys, id, "approve", as: keys.dpo)
                try await RequestActions.perform(
                    app, keys, id, "complete", ["note": "Reviewed by a credit officer"], as: keys.dpo)
            }
            try await console(reviewed.console, "approve", [("note", "")])
            try await console(reviewed.console, "complete", [("note", "Reviewed by a credit officer")])
            #expect(try await record(reviewed.api) == (try await record(reviewed.console)))
            #expect(try await record(reviewed.console).contains("complete:completed"))
        }
    }

    @Test(
        """
        Role matrix: an agent is not offered and is refused what only \
        a DPO may do (lift a restriction, approve, read the audit)
        """
    )
    func agentRefused() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.agent, .agent)
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            let subject = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: subject)
            let restriction = try decode(
                Wire.Created.self,
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(subject)/restrictions", headers: keys.dpo,
                    body: json(["reason": "accuracy contested"]))
            ).id.uuidString.lowercased()
            let requestID = try await Factory.verifiedRequest(app, keys, type: "access")

            var agent = ConsoleBrowser(app: app)
            try await agent.signIn(ConsoleStaff.agent)
            let home = try await agent.open("console")
            #expect(home.status == .ok && !home.body.string.contains("href=\"/console/audit\""))
            #expect(try await agent.open("console/audit").status == .forbidden)
            let subjectPage = try await agent.open("console/subjects/\(subject)")
            #expect(subjectPage.status == .ok && !subjectPage.body.string.contains("/lift\""))
            #expect(
                try await agent.post(
                    "console/subjects/\(subject)/restrictions/\(restriction)/lift", [("subject_informed", "1")]
                ).status == .forbidden)
            #expect(
                try #require(try await RestrictionModel.find(UUID(uuidString: restriction), on: app.db)).liftedAt == nil
            )
            let requestPage = try await agent.open("console/requests/\(requestID)")
            #expect(requestPage.status == .ok && !requestPage.body.string.contains("/approve\""))
            #expect(try await agent.post("console/requests/\(requestID)/approve", []).status == .forbidden)
            #expect(
                try #require(try await RequestModel.find(UUID(uuidString: requestID), on: app.db)).status == .verified)

            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            #expect(
                try await dpo.open("console/subjects/\(subject)").body.string.contains(
                    "/restrictions/\(restriction)/lift\""))
            #expect(
                try await dpo.post(
                    "console/subjects/\(subject)/restrictions/\(restriction)/lift",
                    [("subject_informed", "1"), ("reason", "corrected")]
                )
                .status == .seeOther)
            #expect(
                try #require(try await RestrictionModel.find(UUID(uuidString: restriction), on: app.db)).liftedAt != nil
            )
            #expect(try await dpo.open("console/audit").status == .ok)
        }
    }

    @Test(
        """
        Subjects are found by a posted e-mail address (never in the \
        URL) and shown only for the chosen purpose; the read is audited
        """
    )
    func purposeBoundLookup() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.agent, .agent)
            let subject = try await Factory.subject(app, keys).lowercased()
            try await Factory.relationship(app, keys, subject: subject)
            var agent = ConsoleBrowser(app: app)
            try await agent.signIn(ConsoleStaff.agent)
            try await agent.open("console/subjects")
            let found = try await agent.post(
                "console/subjects/lookup", [("contact", NewSubject.annasEmail), ("purpose", "services")])
            #expect(
                found.status == .ok && found.body.string.contains(subject)
                    && found.body.string.contains(NewSubject.annasEmail))
            let basis = ConsoleText.text("console.basis.contract", language: "en")
            #expect(
                basis == "contract (Art. 6(1)(b))" && found.body.string.contains(basis),
                "the legal basis in words, in the page's language")
            let marketing = try await agent.open("console/subjects/\(subject)?purpose=marketing")
            #expect(
                marketing.status == .ok && !marketing.body.string.contains(NewSubject.annasEmail),
                "no consent to marketing: nothing shown")
            let reads = try await AuditEntryModel.query(on: app.db).filter(\.$action == "subject.read").all()
            #expect(reads.count == 2 && reads.allSatisfy { $0.actor.hasPrefix("staff:") })
            let unknown = try await agent.post(
                "console/subjects/lookup", [("contact", "nobody@example.lv"), ("purpose", "services")])
            #expect(unknown.status == .notFound)
        }
    }

    @Test(
        """
        The consent history names each method in words: a known caller \
        method in the page's language, any other without underscores
        """
    )
    func consentMethodsInWords() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.agent, .agent)
            let subject = try await Factory.subject(app, keys)
            try await Factory.consent(
                app, keys, subject: subject, purpose: "marketing", channel: "email", method: "web_form")
            try await Factory.consent(
                app, keys, subject: subject, purpose: "marketing", channel: "email", method: "shop_counter_tablet")
            var agent = ConsoleBrowser(app: app)
            try await agent.signIn(ConsoleStaff.agent)
            let english = try await agent.open("console/subjects/\(subject)?lang=en").body.string
            #expect(english.contains("· web form ·") && english.contains("· shop counter tablet ·"), "\(english)")
            #expect(!english.contains("web_form") && !english.contains("shop_counter_tablet"))
            let latvian = try await agent.open("console/subjects/\(subject)?lang=lv").body.string
            #expect(latvian.contains("· tīmekļa veidlapa ·"), "the method in the page's language")
            // The receipt staff download is the Kantara document the API gives, field names and all.
            let event = try #require(try await ConsentEventModel.query(on: app.db).first()?.requireID())
            let download = try await agent.open("console/subjects/\(subject)/receipts/\(event.wire)")
            let api = try await app.testing().sendRequest(
                .GET, "v1/subjects/\(subject)/consents/\(event.wire)/receipt", headers: keys.admin)
            #expect(download.status == .ok && download.body.string.contains("\"consentTimestamp\""))
            #expect(download.body.string == api.body.string, "one receipt, whichever way it is fetched")
        }
    }

    @Test("A DPO places and releases a legal hold through the console; the hold is the one the API records")
    func hold() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            let subject = try await Factory.subject(app, keys)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let form = try await dpo.open("console/subjects/\(subject)")
            #expect(
                form.body.string.contains("name=\"category_user.contact.email\""),
                "a hold's categories are a checklist of the policy's")
            #expect(
                try await dpo.post(
                    "console/subjects/\(subject)/holds",
                    [
                        ("reason", "court case 12/2026"), ("category_user.name", "1"),
                        ("category_user.contact.email", "1"), ("until", ""),
                    ]
                ).status == .seeOther)
            let hold = try #require(try await LegalHoldModel.query(on: app.db).first())
            #expect(
                Set((hold.categories ?? "").split(separator: " ").map(String.init)) == [
                    "user.contact.email", "user.name",
                ])
            let page = try await dpo.open("console/subjects/\(subject)")
            #expect(page.body.string.contains("court case 12/2026"))
            #expect(
                try await dpo.post("console/subjects/\(subject)/holds/\(hold.id!.wire)/release", []).status == .seeOther
            )
            #expect(try #require(try await LegalHoldModel.find(hold.id, on: app.db)).releasedAt != nil)
        }
    }

    @Test(
        """
        Policy, audit, retention, breaches and outbox pages render for a DPO; the record of processing downloads as CSV
        """
    )
    func otherPages() async throws {
        try await withSargs { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let policy = try await dpo.open("console/policy")
            #expect(policy.status == .ok && policy.body.string.contains(context.rules.policy.policy.version))
            let csv = try await dpo.open("console/policy/record.csv")
            #expect(
                csv.status == .ok && csv.headers.contentType?.subType == "csv"
                    && csv.body.string.split(whereSeparator: \.isNewline).count > 2)
            let audit = try await dpo.open("console/audit?action=staff.sign_in&lang=en")
            #expect(
                audit.status == .ok && audit.body.string.contains("<td>console sign-in</td>")
                    && !audit.body.string.contains("<td>API key created</td>"),
                "the filter by action holds, and the action is shown in words")
            for path in [
                "console/retention", "console/breaches", "console/outbox", "console/requests?status=all",
                "console/account",
            ] {
                #expect(try await dpo.open(path).status == .ok, "\(path)")
            }
            let latvian = try await dpo.open("console?lang=lv")
            #expect(
                latvian.headers.first(name: "Content-Language") == "lv" && dpo.cookies["sargs_console_lang"] == "lv")
        }
    }

    @Test("Outbox errors shown to staff carry no e-mail address, phone number or URL token")
    func redactedErrors() {
        let error = OutboxWorker.redacted(
            """
            550 5.1.1 <Anna.Berzina@example.lv>: unknown; call +371 2612 3456; \
            POST https://hooks.example/x?token=abc123 failed
            """
        )
        #expect(!error.contains("Anna") && !error.contains("2612") && !error.contains("abc123"), "\(error)")
        #expect(error.contains("550 5.1.1 <<address>>") && error.contains("https://hooks.example/x?…"))
    }

    @Test("docs/console.md prints the permission table the code enforces")
    func permissionTableDocumented() throws {
        let docs = try String(contentsOfFile: TestEnvironment.path("docs/console.md"), encoding: .utf8)
        for permission in Permission.allCases {
            let roles = Role.allCases.map { permission.isGranted(to: $0) ? "yes" : "—" }.joined(separator: " | ")
            #expect(docs.contains("| `\(permission.rawValue)` | \(roles) |"), "\(permission.rawValue)")
        }
    }
}
