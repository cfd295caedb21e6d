import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Requests that arrive by e-mail or post — the seeds' main channel — entered by staff with the
/// day they arrived (issue 21 item 9, GDPR Art. 12(3): the month runs from receipt).
@Suite("Requests entered by staff")
struct StaffEnteredRequestTests {
    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    @Test(
        """
        Art. 12(3) (Coral Club: 30 days, seed l.131): a letter received ten days ago is \
        due 30 days after its arrival, not after its entry; only staff may date a request back
        """
    )
    func receivedOnSetsTheDeadline() async throws {
        try await withSargs(clock: ManualClock.testing(Self.instant("2027-03-12T10:00:00Z"))) { app, _, keys, _ in
            let body: [String: any Sendable] = [
                "type": "access", "email": "someone@example.lv", "language": "lv", "channel": "post",
                "received_on": "2027-03-02",
            ]
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/requests", headers: keys.agent, body: json(body)),
                status: .forbidden)
            let created = try decode(
                Wire.Request.self,
                try await app.testing().sendRequest(.POST, "v1/requests", headers: keys.dpo, body: json(body)))
            #expect(created.receivedOn == "2027-03-02" && created.dueOn == "2027-04-01")
            for day in ["2027-03-13", "2026-01-01", "2027-02-30"] {
                var late = body
                late["received_on"] = day
                _ = try expectProblem(
                    try await app.testing().sendRequest(.POST, "v1/requests", headers: keys.dpo, body: json(late)),
                    status: .unprocessableEntity, field: "received_on")
            }
        }
    }

    @Test(
        """
        A privacy officer enters a posted erasure request in the console with its \
        arrival day and her identity check; it is verified and due from that day
        """
    )
    func consoleEntry() async throws {
        try await withSargs(clock: ManualClock.testing(Self.instant("2027-03-12T10:00:00Z"))) { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            _ = try await Factory.subject(app, keys)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let form = try await dpo.open("console/requests/new?lang=en")
            #expect(form.status == .ok && form.body.string.contains("Received on"), "\(form.body.string.prefix(300))")
            let entered = try await dpo.post(
                "console/requests/new",
                [
                    ("type", "erasure"), ("channel", "post"), ("received_on", "2027-03-05"),
                    ("email", NewSubject.annasEmail),
                    ("language", "lv"), ("text", "Lūdzu dzēst manus datus"), ("method", "identity_document"),
                    ("checked", "passport, signature on the letter"),
                ])
            #expect(entered.status == .seeOther, "\(entered.body.string.prefix(400))")
            let request = try #require(try await RequestModel.query(on: app.db).first())
            #expect(request.receivedOn == CivilDate(iso: "2027-03-05") && request.dueOn == CivilDate(iso: "2027-04-04"))
            #expect(request.status == .verified && request.channel == .post)
            let page = try await dpo.open("console/requests/\(try request.requireID().wire)?lang=en").body.string
            #expect(page.contains("Lūdzu dzēst manus datus"))
            // Staff checked the identity: no code was mailed to the person; and staff are not a client
            // the per-client limit (10 codes an hour) counts — a morning's post is entered in one go.
            #expect(!(try await SentMail.deliverAndRead(app)).contains { $0.subject == "Jūsu verifikācijas kods" })
            for number in 0..<12 {
                let more = try await dpo.post(
                    "console/requests/new",
                    [
                        ("type", "access"), ("channel", "post"), ("received_on", "2027-03-05"),
                        ("email", "letter\(number)@example.lv"),
                        ("language", "lv"), ("method", ""),
                    ])
                #expect(more.status == .seeOther, "entry \(number): \(more.body.string.prefix(200))")
            }
            // A future arrival day is refused with the form again, nothing stored.
            let future = try await dpo.post(
                "console/requests/new",
                [
                    ("type", "access"), ("channel", "email"), ("received_on", "2027-03-20"),
                    ("email", NewSubject.annasEmail), ("language", "lv"),
                ])
            #expect(
                (400..<500).contains(future.status.code) && future.body.string.contains("not in the future"),
                "\(future.body.string.prefix(300))")
            #expect(try await RequestModel.query(on: app.db).count() == 13)
        }
    }

    @Test(
        """
        eIDAS Art. 25: the signed request that came by e-mail is attached sealed, opened \
        by staff (audited) for the check, and deleted with the request's details on erasure
        """
    )
    func signedFileAttached() async throws {
        try await withSargs(policy: "examples/coral-travel/lithuania.yaml") { app, context, _, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            _ = try await dpo.open("console/requests/new?lang=en")
            let signed = Data("PK\u{3}\u{4} mimetypeapplication/vnd.etsi.asic-e+zip signed request of Jonas".utf8)
            let entered = try await dpo.postMultipart(
                "console/requests/new",
                [
                    ("type", "erasure"), ("channel", "email"),
                    ("received_on", context.rules.localDay(context.clock.now).description),
                    ("email", "jonas@example.lt"),
                    ("language", "lt"), ("method", ""),
                ], file: (field: "signed_file", name: "prasymas.asice", data: signed))
            #expect(entered.status == .seeOther, "\(entered.body.string.prefix(400))")
            let request = try #require(try await RequestModel.query(on: app.db).first())
            #expect(request.signatureRequired == .electronic && request.status == .received)
            let attachment = try #require(try await RequestAttachmentModel.query(on: app.db).first())
            #expect(attachment.contentSealed.range(of: Data("Jonas".utf8)) == nil, "sealed at rest")
            let page = try await dpo.open("console/requests/\(try request.requireID().wire)?lang=en").body.string
            #expect(page.contains("prasymas.asice"))
            let download = try await dpo.open(
                "console/requests/\(try request.requireID().wire)/attachments/\(try attachment.requireID().wire)")
            #expect(Data(download.body.readableBytesView) == signed)
            #expect(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "request.attachment_read").count() == 1)
            try await RequestStore.forgetDetails(of: [try request.requireID()], on: app.db)
            #expect(try await RequestAttachmentModel.query(on: app.db).count() == 0)
        }
    }
}
