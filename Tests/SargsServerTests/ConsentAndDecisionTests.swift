import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

@Suite("Consents and decisions API", .serialized)
struct ConsentAndDecisionTests {
    func decide(_ app: Application, _ keys: TestKeys, _ body: [String: any Sendable]) async throws -> [String: Any] {
        let response = try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin, body: json(body))
        #expect(response.status == .ok, "\(response.body.string)")
        return try decoded(response)
    }

    @Test("Art. 7(3): consent recorded with evidence allows the use; withdrawal stops it at once")
    func consentLifecycle() async throws {
        try await withSargs { app, context, keys, _ in
            let id = try await SubjectAPITests.create(app, keys)
            let given = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/consents", headers: keys.agent, body: json([
                "purpose": "marketing", "channel": "email", "state": "given", "method": "web_form_checkbox",
                "evidence": ["ip": "203.0.113.7", "user_agent": "Firefox/140"],
            ]))
            #expect(given.status == .created)
            let event = try decoded(given)
            #expect(event["policy_version"] as? String == "2024-01")
            #expect(event["notice_hash"] as? String == context.noticeHash)
            #expect(event["evidence"] == nil)
            let allowed = try await decide(app, keys, ["email": "anna.berzina@example.lv", "purpose": "marketing", "channel": "email"])
            #expect(allowed["allowed"] as? Bool == true && allowed["reason"] as? String == "consent_given")
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "marketing", "channel": "sms"])["allowed"] as? Bool == false)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                                                    body: json(["purpose": "marketing", "state": "withdrawn", "method": "unsubscribe_link"]))
            let withdrawn = try await decide(app, keys, ["subject_id": id, "purpose": "marketing", "channel": "email"])
            #expect(withdrawn["allowed"] as? Bool == false && withdrawn["reason"] as? String == "consent_withdrawn")
            let overview = try decoded(try await app.testing().sendRequest(.GET, "v1/subjects/\(id)/consents", headers: keys.dpo))
            #expect((overview["history"] as? [Any])?.count == 2)
            #expect(((overview["current"] as? [[String: Any]])?.first)?["state"] as? String == "withdrawn")
            let eventID = try #require(event["id"] as? String)
            let receipt = try decoded(try await app.testing().sendRequest(.GET, "v1/subjects/\(id)/consents/\(eventID)/receipt", headers: keys.agent))
            #expect(receipt["version"] as? String == "KI-CR-v1.1.0")
            #expect(receipt["collectionMethod"] as? String == "web_form_checkbox")
            #expect(receipt["jurisdiction"] as? String == "LV")
        }
    }

    @Test("Consent can only be recorded for consent purposes and their channels")
    func consentValidation() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await SubjectAPITests.create(app, keys)
            let contract = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                                                               body: json(["purpose": "services", "state": "given", "method": "x"]))
            #expect(contract.status == .unprocessableEntity)
            let channel = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                                                              body: json(["purpose": "marketing", "channel": "post", "state": "given", "method": "x"]))
            #expect(try decoded(channel)["field"] as? String == "channel")
        }
    }

    @Test("Art. 21(3): an objection to direct marketing overrides a live consent")
    func directMarketingObjection() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await SubjectAPITests.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/consents", headers: keys.agent,
                                                    body: json(["purpose": "marketing", "state": "given", "method": "web_form"]))
            let objection = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/objections", headers: keys.dpo,
                                                                body: json(["direct_marketing": true]))
            #expect(objection.status == .created)
            let decision = try await decide(app, keys, ["subject_id": id, "purpose": "marketing", "channel": "email"])
            #expect(decision["allowed"] as? Bool == false && decision["reason"] as? String == "direct_marketing_objection")
        }
    }

    @Test("Art. 18(2): a restriction blocks decisions until it is lifted")
    func restriction() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await SubjectAPITests.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/relationships", headers: keys.agent,
                                                    body: json(["kind": "customer", "start": "2025-01-01T00:00:00Z"]))
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "services"])["allowed"] as? Bool == true)
            let restriction = try decoded(try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/restrictions", headers: keys.dpo,
                                                                              body: json(["reason": "accuracy contested"])))
            let restricted = try await decide(app, keys, ["subject_id": id, "purpose": "services"])
            #expect(restricted["allowed"] as? Bool == false && restricted["reason"] as? String == "restricted")
            let restrictionID = try #require(restriction["id"] as? String)
            // Staff told the subject beforehand by other means (Art. 18(3)), so the lift applies now.
            let lift = try await app.testing().sendRequest(.POST, "v1/subjects/\(id)/restrictions/\(restrictionID)/lift", headers: keys.dpo,
                                                           body: json(["subject_informed": true, "reason": "accuracy confirmed"]))
            #expect(lift.status == .ok)
            #expect(try await decide(app, keys, ["subject_id": id, "purpose": "services"])["allowed"] as? Bool == true)
        }
    }

    @Test("Unknown purposes and channels are 422 errors naming the field, not denials")
    func unknowns() async throws {
        try await withSargs { app, _, keys, _ in
            let id = try await SubjectAPITests.create(app, keys)
            for (body, field) in [(["subject_id": id, "purpose": "loyalty"], "purpose"),
                                  (["subject_id": id, "purpose": "marketing", "channel": "fax"], "channel"),
                                  (["subject_id": id, "purpose": "marketing", "channel": "post"], "channel")] as [([String: any Sendable], String)] {
                let response = try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin, body: json(body))
                #expect(response.status == .unprocessableEntity)
                #expect(try decoded(response)["field"] as? String == field)
            }
        }
    }

    @Test("Batch decisions answer for every subject of a send list, including unknown ones")
    func batch() async throws {
        try await withSargs { app, _, keys, _ in
            let first = try await SubjectAPITests.create(app, keys)
            var other = SubjectAPITests.anna
            other["data"] = ["user.contact.email": "janis@example.lv"]
            let second = try await SubjectAPITests.create(app, keys, other)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(first)/consents", headers: keys.agent,
                                                    body: json(["purpose": "marketing", "state": "given", "method": "web_form"]))
            let missing = UUID().uuidString
            let response = try await app.testing().sendRequest(.POST, "v1/decisions/batch", headers: keys.marketingService,
                                                               body: json(["purpose": "marketing", "channel": "email", "subject_ids": [first, second, missing]]))
            #expect(response.status == .ok, "\(response.body.string)")
            let body = try decoded(response)
            #expect(body["allowed"] as? Int == 1 && body["denied"] as? Int == 2)
            let reasons = (body["results"] as? [[String: Any]])?.map { $0["reason"] as? String ?? "" }
            #expect(reasons == ["consent_given", "consent_missing", "not_found"])
        }
    }
}
