import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsKit
@testable import SargsServer

/// Closing a company system's part of a request by hand (issue 25 item 4): a system Sargs cannot
/// carry out (a database taken down, a processor whose contract ended, an owner who left) never
/// keeps the request open for ever, and closing it is said, with a reason from a closed list, who
/// closed it, and the records the work concerned. On SQLite, and on PostgreSQL in CI.
@Suite("Company systems closed by hand")
struct SystemResolutionTests {
    @Test(
        """
        Art. 12(3), 15: a failed dataset is closed by hand through the API with its reason and count; bad \
        reasons and counts are refused naming the field; the request then completes and the closing is audited
        """
    )
    func failedDatasetThroughTheAPI() async throws {
        try await CompanySystemsTests.withShopLater("shop-gone") { _, _, app, _, keys in
            try await CompanySystemsTests.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.perform(app, keys, id, "approve")
            #expect(
                CompanySystemsTests.systems(try await CompanySystemsTests.shown(app, keys, id)).first?["status"]
                    as? String == "failed")
            let before = try await SentMail.deliverAndRead(app).filter { $0.to == NewSubject.annasEmail }.count

            let verb = "systems/web_shop/resolve"
            try await RequestActions.refused(
                app, keys, id, verb, ["reason": "forgot"], status: .unprocessableEntity, field: "reason")
            try await RequestActions.refused(
                app, keys, id, verb, ["reason": "done_outside", "records": -1], status: .unprocessableEntity,
                field: "records")
            try await RequestActions.refused(
                app, keys, id, verb, ["reason": "not_applicable", "records": 3], status: .unprocessableEntity,
                field: "records")
            try await RequestActions.refused(
                app, keys, id, "systems/nowhere/resolve", ["reason": "not_applicable"], status: .notFound)
            try await RequestActions.refused(
                app, keys, id, verb, ["reason": "done_outside"], as: keys.agent, status: .forbidden)
            #expect(try await CompanySystemsTests.shown(app, keys, id)["status"] as? String == "in_progress")

            let closed = try await RequestActions.perform(
                app, keys, id, verb, ["reason": "done_outside", "records": 4])
            #expect(closed.status == "completed")
            let request = try await CompanySystemsTests.shown(app, keys, id)
            let system = try #require(CompanySystemsTests.systems(request).first)
            #expect(system["status"] as? String == "done" && system["rows"] as? Int == 4)
            #expect(system["resolution"] as? String == "done_outside" && system["resolved_by"] as? String != nil)
            let entry = try #require(
                try await AuditEntryModel.query(on: app.db).filter(\.$action == "request.system")
                    .sort(\.$id, .descending).first())
            #expect(entry.result == "ok:web_shop:resolved=done_outside;rows=4")
            let stored = try #require(try await RequestSystemModel.query(on: app.db).first())
            #expect(stored.work.isEmpty, "the sealed identities are forgotten")
            let after = try await SentMail.deliverAndRead(app).filter { $0.to == NewSubject.annasEmail }
            #expect(after.count == before + 1 && after.last?.subject == CompanySystemsTests.completedSubject)
            // Closed once: the request is answered now.
            try await RequestActions.refused(app, keys, id, verb, ["reason": "done_outside"], status: .conflict)
        }
    }

    @Test(
        """
        Art. 17, Art. 28(3)(e): a DPO closes a waiting manual system from the console (nothing of the person \
        there) and a waiting processor through the API; the request completes only after the last of them
        """
    )
    func waitingSystemsFromTheConsole() async throws {
        try await ProcessorSystemsTests.withShop { processor, _, _, app, context, keys in
            try await CompanySystemsTests.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "erasure")
            try await RequestActions.perform(app, keys, id, "approve")
            #expect(
                try await ProcessorSystemsTests.system(app, keys, id, "paper-archive")["status"] as? String == "waiting"
            )
            #expect(try await ProcessorSystemsTests.system(app, keys, id, "mailer")["status"] as? String == "waiting")

            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let page = try await dpo.open("console/requests/\(id)?lang=lv").body.string
            #expect(
                page.contains("action=\"/console/requests/\(id.lowercased())/resolve\"")
                    && page.contains("Slēgt manuāli"))
            let refused = try await dpo.post(
                "console/requests/\(id.lowercased())/resolve", [("system", "paper-archive"), ("reason", "maybe")])
            #expect(refused.status == .unprocessableEntity)
            let closed = try await dpo.post(
                "console/requests/\(id.lowercased())/resolve",
                [("system", "paper-archive"), ("reason", "not_applicable"), ("records", "")])
            #expect(closed.status == .seeOther)
            let archive = try await ProcessorSystemsTests.system(app, keys, id, "paper-archive")
            #expect(archive["status"] as? String == "done" && archive["resolution"] as? String == "not_applicable")
            #expect(try await ProcessorSystemsTests.status(app, keys, id) == "in_progress", "the mailer still waits")
            let shown = try await dpo.open("console/requests/\(id)?lang=en").body.string
            #expect(shown.contains("closed by hand by") && shown.contains("no longer exists"))

            try await RequestActions.perform(
                app, keys, id, "systems/mailer/resolve", ["reason": "done_outside", "records": 1])
            #expect(try await ProcessorSystemsTests.status(app, keys, id) == "completed")
            // The processor's own answer, arriving after the DPO closed its part, changes nothing.
            let received = try #require(await processor.received.first)
            let late = try await processor.callback(
                received.id, status: "completed", to: try #require(received.callbacks.first), resultsCount: 9)
            #expect(try await ProcessorSystemsTests.deliver(app, late) == .accepted)
            let mailer = try await ProcessorSystemsTests.system(app, keys, id, "mailer")
            #expect(mailer["rows"] as? Int == 1 && mailer["resolution"] as? String == "done_outside")
        }
    }
}
