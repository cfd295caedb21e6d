import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

@Suite("Consents and decisions API")
struct ConsentAndDecisionTests {
    @Test("Art. 7(3): consent recorded with evidence allows the use; withdrawal stops it at once")
    func consentLifecycle() async throws {
        try await withSargs { app, context, keys, _ in
            let id = try await Factory.subject(app, keys)
            let given = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                body: json([
                    "purpose": "marketing", "channel": "email", "state": "given", "method": "web_form_checkbox",
                    "evidence": ["ip": "203.0.113.7", "user_agent": "Firefox/140"],
                ]))
            #expect(given.status == .created)
            let event = try decode(Wire.ConsentEvent.self, given)
            #expect(event.policyVersion == "2024-01")
            #expect(event.noticeHash == context.rules.noticeHash)
            #expect(!(try decode(MemberNames.self, given)).all.contains("evidence"))
            let allowed = try await decide(
                app, keys, ["email": "anna.berzina@example.lv", "purpose": "marketing", "channel": "email"])
            #expect(allowed.allowed == true && allowed.reason == "consent_given")
            #expect(
                try await decide(app, keys, ["subject_id": id, "purpose": "marketing", "channel": "sms"]).allowed
                    == false)
            try await Factory.consent(
                app, keys, subject: id, purpose: "marketing", state: "withdrawn", method: "unsubscribe_link")
            let withdrawn = try await decide(app, keys, ["subject_id": id, "purpose": "marketing", "channel": "email"])
            #expect(withdrawn.allowed == false && withdrawn.reason == "consent_withdrawn")
            let overview = try await getJSON(Wire.ConsentOverview.self, app, "v1/subjects/\(id)/consents", as: keys.dpo)
            #expect(overview.history.count == 2)
            #expect(overview.current.first?.state == "withdrawn")
            let receipt = try await getJSON(
                Wire.ConsentReceipt.self, app, "v1/subjects/\(id)/consents/\(event.id)/receipt", as: keys.agent)
            #expect(receipt.version == "KI-CR-v1.1.0")
            #expect(receipt.collectionMethod == "web_form_checkbox")
            #expect(receipt.jurisdiction == "LV")
        }
    }

    @Test("Consent can only be recorded for consent purposes and their channels")
    func consentValidation() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            let contract = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                body: json(["purpose": "services", "state": "given", "method": "x"]))
            try expectProblem(contract, status: .unprocessableEntity)
            let channel = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                body: json(["purpose": "marketing", "channel": "post", "state": "given", "method": "x"]))
            #expect(try decode(Wire.Problem.self, channel).field == "channel")
        }
    }

    @Test("Art. 21(3): an objection to direct marketing overrides a live consent")
    func directMarketingObjection() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: id, purpose: "marketing")
            let objection = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/objections", headers: keys.dpo,
                body: json(["direct_marketing": true]))
            #expect(objection.status == .created)
            let decision = try await decide(app, keys, ["subject_id": id, "purpose": "marketing", "channel": "email"])
            #expect(decision.allowed == false && decision.reason == "direct_marketing_objection")
        }
    }

    @Test("Art. 18(2): a restriction blocks decisions until it is lifted")
    func restriction() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: id)
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "services"]).allowed == true)
            let restriction = try decode(
                Wire.Created.self,
                try await app.testing().sendRequest(
                    .POST, "v1/subjects/\(id)/restrictions", headers: keys.dpo,
                    body: json(["reason": "accuracy contested"])))
            let restricted = try await decide(app, keys, ["subject_id": id, "purpose": "services"])
            #expect(restricted.allowed == false && restricted.reason == "restricted")
            // Staff told the subject beforehand by other means (Art. 18(3)), so the lift applies now.
            let lift = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(id)/restrictions/\(restriction.id)/lift", headers: keys.dpo,
                body: json(["subject_informed": true, "reason": "accuracy confirmed"]))
            #expect(lift.status == .ok)
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "services"]).allowed == true)
        }
    }

    @Test("Unknown purposes and channels are 422 errors naming the field, not denials")
    func unknowns() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await Factory.subject(app, keys)
            for (body, field) in [
                (["subject_id": id, "purpose": "loyalty"], "purpose"),
                (["subject_id": id, "purpose": "marketing", "channel": "fax"], "channel"),
                (["subject_id": id, "purpose": "marketing", "channel": "post"], "channel"),
            ] as [([String: any Sendable], String)] {
                let response = try await app.testing().sendRequest(
                    .POST, "v1/decisions", headers: keys.admin, body: json(body))
                try expectProblem(response, status: .unprocessableEntity, field: field)
            }
        }
    }

    @Test("Batch decisions answer for every subject of a send list, including unknown ones")
    func batch() async throws {
        try await withSargs { app, _, keys, _ in
            let first = try await Factory.subject(app, keys)
            let second = try await Factory.subject(
                app, keys, NewSubject.anna.with(data: ["user.contact.email": "janis@example.lv"]))
            try await Factory.consent(app, keys, subject: first, purpose: "marketing")
            let missing = UUID().uuidString
            let response = try await app.testing().sendRequest(
                .POST, "v1/decisions/batch", headers: keys.marketingService,
                body: json(["purpose": "marketing", "channel": "email", "subject_ids": [first, second, missing]]))
            #expect(response.status == .ok, "\(response.body.string)")
            let body = try decode(Wire.BatchDecision.self, response)
            #expect(body.allowed == 1 && body.denied == 2)
            #expect(body.results.map(\.reason) == ["consent_given", "consent_missing", "not_found"])
        }
    }
}
