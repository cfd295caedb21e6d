import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Art. 14: data not obtained from the person (issue 21 item 11).
@Suite("Art. 14 notices")
struct IndirectCollectionNoticeTests {
    static func instant(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    func create(
        _ app: Application, _ keys: TestKeys, _ data: [String: String], from source: String
    ) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(
            .POST, "v1/subjects", headers: keys.admin,
            body: json([
                "country": "LV", "language": "lv", "source": "partner-list", "collected_for": "services",
                "obtained_from": source, "data": data,
            ]))
    }

    @Test(
        """
        Art. 14(3)(a): data from a third party makes the notice due within \
        a month; with an address on file it is e-mailed, audited, once
        """
    )
    func emailed() async throws {
        try await withSargs(clock: ManualClock.testing(Self.instant("2027-01-31T10:00:00Z"))) { app, _, keys, _ in
            let created = try await create(
                app, keys, ["user.contact.email": "from.partner@example.lv", "user.name": "Pēteris"],
                from: "third_party")
            #expect(created.status == .created, "\(created.body.string)")
            let subject = try #require(try await SubjectModel.query(on: app.db).first())
            #expect(subject.noticeDueOn == CivilDate(iso: "2027-02-28") && subject.noticeSentAt == nil)
            let jobs = try #require(app.backgroundJobs)
            _ = try await jobs.runOnce(on: app.db)
            _ = try await jobs.runOnce(on: app.db)
            let mail = try await SentMail.deliverAndRead(app).filter {
                $0.subject == "Kā mēs ieguvām jūsu personas datus"
            }
            #expect(mail.count == 1 && mail.first?.to == "from.partner@example.lv")
            #expect(mail.first?.body.contains("/notice?lang=lv") == true)
            #expect(try await SubjectModel.query(on: app.db).first()?.noticeSentAt != nil)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "subject.notice_sent").all()
            #expect(audit.map(\.result) == ["ok:email"])
            _ = try expectProblem(
                try await create(app, keys, ["user.name": "X"], from: "rumour"), status: .unprocessableEntity,
                field: "obtained_from")
        }
    }

    @Test(
        """
        Art. 14: with no address on file the notice waits in the console; \
        staff record it as posted; a subject's own data needs none
        """
    )
    func posted() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            #expect(
                try await create(
                    app, keys, ["user.name": "Public Person", "user.contact.phone_number": "+37120000001"],
                    from: "public_source"
                ).status == .created)
            #expect(try await create(app, keys, ["user.name": "Own"], from: "subject").status == .created)
            _ = try await app.backgroundJobs?.runOnce(on: app.db)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let page = try await dpo.open("console/notices?lang=en").body.string
            #expect(page.contains("A public source") && page.contains("Record as posted"))
            let waiting = try #require(
                try await SubjectModel.query(on: app.db).filter(\.$noticeDueOn != nil).all().first)
            let id = try waiting.requireID().wire
            let recorded = try await dpo.post("console/notices/\(id)/posted", [])
            #expect(recorded.status == .seeOther)
            let after = try await dpo.open("console/notices?lang=en").body.string
            #expect(after.contains("No notice is due."))
            #expect(try await SubjectModel.query(on: app.db).filter(\.$noticeDueOn != nil).count() == 1)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "subject.notice_sent").all()
            #expect(audit.map(\.result) == ["ok:posted"])
        }
    }
}
