import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// A request does what it says (issue 21 item 10): an objection names what it concerns, words alone
/// wait for a staff decision, and it is never completed without its effect (GDPR Art. 21).
@Suite("Objections with an effect")
struct ObjectionEffectTests {
    @Test(
        """
        Art. 21(3): 'please stop sending me ads' with nothing ticked waits for \
        staff, who name direct marketing; then marketing stops and the person is told
        """
    )
    func wordsNeedAStaffDecision() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            _ = try await Factory.consent(app, keys, subject: anna, purpose: "marketing", channel: "email")
            let id = try await Factory.verifiedRequest(
                app, keys, type: "objection", details: ["text": "please stop sending me ads"])
            // Approving without naming what it concerns would complete it with nothing done: refused.
            try await RequestActions.refused(app, keys, id, "approve", status: .conflict, field: "objection")
            // Staff may not name a purpose an objection cannot concern (a contract purpose).
            try await RequestActions.refused(
                app, keys, id, "approve", ["objection": ["purposes": ["services"]]], status: .unprocessableEntity,
                field: "objection.purposes[0]")
            let done = try await RequestActions.perform(
                app, keys, id, "approve", ["objection": ["direct_marketing": true]])
            #expect(done.status == "completed" && done.outcome?.directMarketing == true)
            let decision = try await decide(
                app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"])
            #expect(!decision.allowed && decision.reason == "direct_marketing_objection")
            let answer = try #require(
                try await SentMail.deliverAndRead(app).last { $0.subject == "Jūsu pieprasījums ir izpildīts" })
            #expect(
                answer.body.contains("Mēs vairs neizmantosim jūsu datus tiešajai tirgvedībai."), "\(answer.body)")
        }
    }

    @Test(
        """
        Art. 21(1): an objection names objectionable purposes — none and no words \
        is refused; a consent purpose points to withdrawal (Coral Club, Clubmium)
        """,
        arguments: ["examples/coral-club.yaml", "examples/clubmium.yaml"])
    func objectionNamesItsPurposes(policy: String) async throws {
        try await withSargs(policy: policy) { app, context, keys, _ in
            func submit(_ details: [String: any Sendable]) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(
                    .POST, "v1/requests", headers: keys.agent,
                    body: json([
                        "type": "objection", "email": "someone@example.lv", "language": "en", "channel": "web",
                        "details": details,
                    ]))
            }
            _ = try expectProblem(try await submit([:]), status: .unprocessableEntity, field: "details.purposes")
            let consentPurpose = try #require(
                context.rules.policy.purposes.first { $0.legalBasis == .consent && !$0.isDirectMarketing })
            let refused = try expectProblem(
                try await submit(["purposes": [consentPurpose.id]]), status: .unprocessableEntity,
                field: "details.purposes[0]")
            #expect(refused.detail.contains("withdraw consent"))
            let contractPurpose = try #require(context.rules.policy.purposes.first { $0.legalBasis == .contract })
            _ = try expectProblem(
                try await submit(["purposes": [contractPurpose.id]]), status: .unprocessableEntity,
                field: "details.purposes[0]")
            let legitimate = try #require(context.rules.policy.purposes.first { $0.legalBasis == .legitimateInterests })
            #expect(try await submit(["purposes": [legitimate.id]]).status == .created)
            #expect(try await submit(["text": "I object to your profiling"]).status == .created)
        }
    }

    @Test(
        """
        Art. 21: the console shows staff what the person wrote and where the \
        answer goes, and approves an objection with the purposes staff tick
        """
    )
    func consoleDecision() async throws {
        try await withSargs { app, context, keys, _ in
            try await ConsoleStaff.add(app, context, ConsoleStaff.dpo, .dpo)
            let anna = try await Factory.subject(app, keys)
            _ = try await Factory.consent(app, keys, subject: anna, purpose: "marketing", channel: "email")
            let id = try await Factory.verifiedRequest(
                app, keys, type: "objection", details: ["text": "please stop sending me ads"])
            var dpo = ConsoleBrowser(app: app)
            try await dpo.signIn(ConsoleStaff.dpo)
            let page = try await dpo.open("console/requests/\(id)?lang=en").body.string
            #expect(page.contains("What the person asked") && page.contains("please stop sending me ads"))
            #expect(page.contains("Codes and copies go to") && page.contains(NewSubject.annasEmail))
            #expect(
                page.contains("What the objection concerns") && page.contains("name=\"objection_direct_marketing\""))
            #expect(page.contains("name=\"objection_purpose_improvement-and-security\""))
            let refused = try await dpo.post("console/requests/\(id)/approve", [("note", "")])
            #expect(refused.status != .seeOther)
            // A purpose that is not the person's to object to through this request stays refused with a page.
            let wrong = try await dpo.post(
                "console/requests/\(id)/approve", [("note", ""), ("objection_purpose_services", "1")])
            #expect(wrong.status != .seeOther)
            let approved = try await dpo.post(
                "console/requests/\(id)/approve", [("note", ""), ("objection_direct_marketing", "1")])
            #expect(approved.status == .seeOther, "\(approved.body.string.prefix(300))")
            let decision = try await decide(
                app, keys, ["subject_id": anna, "purpose": "marketing", "channel": "email"])
            #expect(decision.reason == "direct_marketing_objection")
        }
    }
}
