import Fluent
import Foundation
import SargsCore
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Data-subject requests end to end, on SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Data-subject requests", .serialized)
struct RequestAPITests {
    static func submit(_ app: Application, _ keys: TestKeys, _ body: [String: any Sendable],
                       status: HTTPResponseStatus = .created) async throws -> [String: Any] {
        let response = try await app.testing().sendRequest(.POST, "v1/requests", headers: keys.agent, body: json(body))
        #expect(response.status == status, "\(response.body.string)")
        return try decoded(response)
    }

    static func action(_ app: Application, _ keys: TestKeys, _ id: String, _ verb: String, _ body: [String: any Sendable] = [:],
                       headers: HTTPHeaders? = nil, status: HTTPResponseStatus = .ok) async throws -> [String: Any] {
        let response = try await app.testing().sendRequest(.POST, "v1/requests/\(id)/\(verb)", headers: headers ?? keys.dpo, body: json(body))
        #expect(response.status == status, "\(verb): \(response.body.string)")
        return try decoded(response)
    }

    /// Submits a request for Anna by e-mail and verifies it with the code from her inbox.
    static func verifiedRequest(_ app: Application, _ keys: TestKeys, type: String,
                                details: [String: any Sendable]? = nil) async throws -> String {
        var body: [String: any Sendable] = ["type": type, "email": "anna.berzina@example.lv", "language": "lv", "channel": "web"]
        if let details { body["details"] = details }
        let created = try await submit(app, keys, body)
        #expect(created["status"] as? String == "awaiting_verification")
        let id = try #require(created["id"] as? String)
        let mail = try await SentMail.deliverAndRead(app)
        let code = try #require(mail.last { $0.subject == "Jūsu verifikācijas kods" }?.code)
        let verified = try await action(app, keys, id, "verify", ["code": code], headers: keys.agent)
        #expect(verified["status"] as? String == "verified")
        return id
    }

    @Test("Art. 15: access — acknowledged with its deadline, verified by code, answered with a signed link to a ZIP copy")
    func access() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await SubjectAPITests.create(app, keys)
            let id = try await Self.verifiedRequest(app, keys, type: "access")
            let approved = try await Self.action(app, keys, id, "approve")
            #expect(approved["status"] as? String == "completed")
            let mail = try await SentMail.deliverAndRead(app)
            #expect(mail.contains { $0.subject == "Esam saņēmuši jūsu pieprasījumu" && $0.to == "anna.berzina@example.lv" })
            let answer = try #require(mail.last { $0.subject == "Jūsu pieprasījums ir izpildīts" })
            let link = try #require(answer.body.firstMatch(of: /\/v1\/exports\/[A-Za-z0-9.\-]+/).map { String($0.0) })
            let download = try await app.testing().sendRequest(.GET, String(link.dropFirst()))
            #expect(download.status == .ok && download.headers.contentType?.subType == "zip")
            let zip = Data(download.body.readableBytesView)
            #expect(zip.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
            #expect(String(decoding: zip, as: UTF8.self).contains("Anna Bērziņa"))
            // A tampered link fails.
            let tampered = try await app.testing().sendRequest(.GET, String(link.dropFirst()).replacingOccurrences(of: ".", with: "9", options: .backwards, range: nil))
            #expect(tampered.status == .gone)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "export.download").all()
            #expect(audit.count == 1 && audit.first?.subjectID == UUID(uuidString: subjectID))
        }
    }

    @Test("Art. 12(6): five wrong codes lock verification; then even the right code fails")
    func lockOut() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await SubjectAPITests.create(app, keys)
            let created = try await Self.submit(app, keys, ["type": "erasure", "email": "anna.berzina@example.lv", "language": "en", "channel": "email"])
            let id = try #require(created["id"] as? String)
            let code = try #require(try await SentMail.deliverAndRead(app).last { $0.subject == "Your verification code" }?.code)
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 1...4 {
                let problem = try await Self.action(app, keys, id, "verify", ["code": wrong], status: .unprocessableEntity)
                #expect(problem["field"] as? String == "code")
            }
            _ = try await Self.action(app, keys, id, "verify", ["code": wrong], status: .tooManyRequests)
            _ = try await Self.action(app, keys, id, "verify", ["code": code], status: .tooManyRequests)
            // Unverified, the request cannot be approved.
            _ = try await Self.action(app, keys, id, "approve", status: .conflict)
        }
    }

    @Test("Art. 17(3)(b): erasure keeps accounting records until the legal period ends, restricts them, and says so")
    func erasureKeepsAccounting() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await SubjectAPITests.create(app, keys)
            let id = try await Self.verifiedRequest(app, keys, type: "erasure")
            let done = try await Self.action(app, keys, id, "approve")
            let outcome = try #require(done["outcome"] as? [String: Any])
            #expect(outcome["shredded"] as? Bool == false)
            let kept = try #require(outcome["kept"] as? [[String: Any]])
            #expect(kept.map { $0["category"] as? String } == ["user.name"])
            let year = DecisionEngine.civilDate(Date()).year
            #expect(kept.first?["until"] as? String == "\(year + 5)-12-31")
            #expect((outcome["erased"] as? [String])?.contains("user.contact.email") == true)
            let answer = try #require(try await SentMail.deliverAndRead(app).last { $0.subject == "Jūsu pieprasījums ir izpildīts" })
            #expect(answer.body.contains("Grāmatvedības likums") && answer.body.contains("31.12.\(year + 5)"))
            // What is kept is only stored: decisions are restricted.
            let decision = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                           body: json(["subject_id": subjectID, "purpose": "services"])))
            #expect(decision["allowed"] as? Bool == false && decision["reason"] as? String == "restricted")
            let items = try await DataItemModel.query(on: app.db).all()
            #expect(items.map(\.category) == ["user.name"])
        }
    }

    @Test("Art. 17: an erasure with nothing to keep crypto-shreds the subject; re-running it is harmless")
    func erasureShreds() async throws {
        try await withSargs { app, _, keys, _ in
            var anna = SubjectAPITests.anna
            anna["collected_for"] = "marketing"
            anna["data"] = ["user.contact.email": "anna.berzina@example.lv"]
            let subjectID = try await SubjectAPITests.create(app, keys, anna)
            let id = try await Self.verifiedRequest(app, keys, type: "erasure")
            let done = try await Self.action(app, keys, id, "approve")
            #expect((done["outcome"] as? [String: Any])?["shredded"] as? Bool == true)
            let subject = try #require(try await SubjectModel.find(UUID(uuidString: subjectID), on: app.db))
            #expect(subject.wrappedKey == nil && subject.emailIndex == nil && subject.status == "erased")
            #expect(try await TombstoneModel.find(UUID(uuidString: subjectID), on: app.db) != nil)
            #expect(try await DataItemModel.query(on: app.db).count() == 0)
            let decision = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                           body: json(["subject_id": subjectID, "purpose": "marketing"])))
            #expect(decision["reason"] as? String == "erased")
            // A second erasure of the same subject (staff-attested) changes nothing and answers "no data".
            let again = try await Self.submit(app, keys, ["type": "erasure", "subject_id": subjectID, "language": "lv", "channel": "post"])
            #expect(again["status"] as? String == "received")
            let againID = try #require(again["id"] as? String)
            _ = try await Self.action(app, keys, againID, "verify", ["attestation": ["method": "qualified_electronic_signature",
                                                                                     "checked": "eParaksts signature valid"]])
            let second = try await Self.action(app, keys, againID, "approve")
            #expect((second["outcome"] as? [String: Any])?["no_data"] as? Bool == true)
            // No address is left: the answer is kept, in Latvian, as a letter for staff to post.
            let letter = try #require(second["letter"] as? [String: Any])
            #expect(letter["language"] as? String == "lv" && (letter["body"] as? String)?.contains("Mēs neapstrādājam jūsu personas datus") == true)
            if case .broken(let sequence, let reason) = try await AuditLog.verify(on: app.db) { Issue.record("audit chain broken at \(sequence): \(reason)") }
        }
    }

    @Test("Art. 18: a restriction request blocks decisions; Art. 18(3): lifting is announced first")
    func restriction() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await SubjectAPITests.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(subjectID)/relationships", headers: keys.agent,
                                                    body: json(["kind": "member", "start": "2025-01-01T00:00:00Z"]))
            let id = try await Self.verifiedRequest(app, keys, type: "restriction")
            _ = try await Self.action(app, keys, id, "approve")
            let decision = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                           body: json(["subject_id": subjectID, "purpose": "services"])))
            #expect(decision["allowed"] as? Bool == false && decision["reason"] as? String == "restricted")
            let restriction = try #require(try await RestrictionModel.query(on: app.db).first())
            let lift = try await app.testing().sendRequest(.POST, "v1/subjects/\(subjectID)/restrictions/\(restriction.id!.uuidString)/lift",
                                                           headers: keys.dpo, body: json(["reason": "Accuracy verified"]))
            #expect(lift.status == .ok)
            #expect(try decoded(lift)["notice_sent"] as? Bool == true)
            // The lift takes effect a day later: still restricted now, and the subject has been written to.
            let still = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                        body: json(["subject_id": subjectID, "purpose": "services"])))
            #expect(still["reason"] as? String == "restricted")
            #expect(try await SentMail.deliverAndRead(app).contains { $0.subject == "Jūsu datu apstrādes ierobežojums tiks atcelts" })
        }
    }

    @Test("Art. 21(3): an objection to direct marketing overrides a live consent")
    func objectionOverridesConsent() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await SubjectAPITests.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(subjectID)/consents", headers: keys.agent,
                                                    body: json(["purpose": "marketing", "state": "given", "method": "web-form"]))
            let before = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                         body: json(["subject_id": subjectID, "purpose": "marketing"])))
            #expect(before["allowed"] as? Bool == true)
            let id = try await Self.verifiedRequest(app, keys, type: "objection", details: ["direct_marketing": true])
            _ = try await Self.action(app, keys, id, "approve")
            let after = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                        body: json(["subject_id": subjectID, "purpose": "marketing"])))
            #expect(after["allowed"] as? Bool == false && after["reason"] as? String == "direct_marketing_objection")
            #expect(try await SentMail.deliverAndRead(app).contains { $0.body.contains("tiešajai tirgvedībai") })
        }
    }

    @Test("Art. 7(3): withdrawal by request takes effect at once")
    func withdrawal() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await SubjectAPITests.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(subjectID)/consents", headers: keys.agent,
                                                    body: json(["purpose": "contests-and-surveys", "state": "given", "method": "web-form"]))
            let id = try await Self.verifiedRequest(app, keys, type: "withdraw_consent", details: ["purposes": ["contests-and-surveys"]])
            let done = try await Self.action(app, keys, id, "approve")
            #expect((done["outcome"] as? [String: Any])?["purposes"] as? [String] == ["contests-and-surveys"])
            let decision = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                           body: json(["subject_id": subjectID, "purpose": "contests-and-surveys"])))
            #expect(decision["reason"] as? String == "consent_withdrawn")
        }
    }

    @Test("Art. 12(3): extension needs reasons and is told to the subject; past the first month it is refused")
    func extensionRules() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await SubjectAPITests.create(app, keys)
            let id = try await Self.verifiedRequest(app, keys, type: "access")
            let tooLong = try await Self.action(app, keys, id, "extend", ["by": "P3M", "reasons": "Many requests"], status: .unprocessableEntity)
            #expect(tooLong["field"] as? String == "by")
            let extended = try await Self.action(app, keys, id, "extend", ["by": "P2M", "reasons": "Many requests this month"])
            #expect(extended["due_on"] as? String == extended["latest_due_on"] as? String && extended["extended"] as? Bool == true)
            #expect(try await SentMail.deliverAndRead(app).contains { $0.body.contains("Many requests this month") })
            // Received 40 days ago: the first month is over, an extension can no longer be decided.
            let request = try #require(try await RequestModel.find(UUID(uuidString: id), on: app.db))
            let receipt = DecisionEngine.civilDate(Date()).adding(days: -40)
            request.receivedOn = receipt.description
            request.dueOn = receipt.adding(months: 1).description
            request.extended = false
            try await request.save(on: app.db)
            let late = try await Self.action(app, keys, id, "extend", ["by": "P1M", "reasons": "Complex"], status: .unprocessableEntity)
            #expect((late["detail"] as? String)?.contains("Art. 12(3)") == true)
            // And it is overdue: listed, counted in the metric.
            let overdue = try decoded(try await app.testing().sendRequest(.GET, "v1/requests?overdue=true", headers: keys.dpo))
            #expect((overdue["requests"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            // Pages: one request per page here, so the first page points at the next.
            _ = try await Self.submit(app, keys, ["type": "erasure", "email": "anna.berzina@example.lv", "language": "lv", "channel": "web"])
            let page = try decoded(try await app.testing().sendRequest(.GET, "v1/requests?limit=1", headers: keys.dpo))
            #expect((page["requests"] as? [[String: Any]])?.count == 1 && page["next_offset"] as? Int == 1)
            let last = try decoded(try await app.testing().sendRequest(.GET, "v1/requests?limit=1&offset=1", headers: keys.dpo))
            #expect(last["next_offset"] == nil)
            #expect(try await BackgroundRuns.runOnceReadingMetrics(app).contains("sargs_requests_overdue 1"))
        }
    }

    @Test("Art. 16, 19: rectification changes the value and is passed on to each recipient through a signed webhook")
    func rectificationNotifiesRecipients() async throws {
        try await withSargs(environment: ["SARGS_ALLOW_INSECURE_URLS": "1"]) { app, _, keys, _ in
            let receiver = try await WebhookReceiver.start()
            defer { Task { await receiver.stop() } }
            let subjectID = try await SubjectAPITests.create(app, keys)
            let endpoint = try decoded(try await app.testing().sendRequest(.PUT, "v1/recipients/group-companies/endpoint", headers: keys.admin,
                                                                           body: json(["url": receiver.url])))
            let secret = try #require((endpoint["secret"] as? String).flatMap { Data(base64Encoded: $0) })
            for (recipient, categories) in [("group-companies", ["user.name", "user.contact.email"]), ("payment-processors", ["user.name"])] {
                let logged = try await app.testing().sendRequest(.POST, "v1/subjects/\(subjectID)/disclosures", headers: keys.agent,
                                                                 body: json(["recipient": recipient, "purpose": "services", "categories": categories]))
                #expect(logged.status == .created, "\(logged.body.string)")
            }
            let id = try await Self.verifiedRequest(app, keys, type: "rectification", details: ["corrections": ["user.name": "Anna Kalniņa"]])
            let done = try await Self.action(app, keys, id, "approve")
            #expect((done["outcome"] as? [String: Any])?["recipients"] as? [String] == ["group-companies", "payment-processors"])
            try await BackgroundRuns.runOnce(app)
            let delivery = try #require(await receiver.received.first)
            #expect(WebhookSignature.verify(header: delivery.signature, secret: secret, deliveryID: UUID(uuidString: delivery.id)!,
                                            body: delivery.body, now: Int(Date().timeIntervalSince1970)))
            let payload = try #require(try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])
            #expect(payload["event"] as? String == "rectification" && (payload["values"] as? [String: String])?["user.name"] == "Anna Kalniņa")
            let shown = try decoded(try await app.testing().sendRequest(.GET, "v1/requests/\(id)", headers: keys.dpo))
            let recipients = try #require(shown["recipients"] as? [[String: Any]])
            #expect(recipients.first { $0["recipient"] as? String == "group-companies" }?["confirmed_at"] != nil)
            #expect(recipients.first { $0["recipient"] as? String == "payment-processors" }?["method"] as? String == "manual")
            _ = try await Self.action(app, keys, id, "recipients/payment-processors/confirm")
            let read = try decoded(try await app.testing().sendRequest(.GET, "v1/subjects/\(subjectID)?purpose=authority-requests", headers: keys.dpo))
            #expect((read["data"] as? [String: String])?["user.name"] == "Anna Kalniņa")
        }
    }

    @Test("Art. 16 with Art. 8(1): a rectified date of birth changes the age facts decisions use")
    func rectifiedBirthDate() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await SubjectAPITests.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(subjectID)/consents", headers: keys.agent,
                                                    body: json(["purpose": "marketing", "state": "given", "method": "web-form"]))
            let young = DecisionEngine.civilDate(Date()).adding(years: -12).description
            let id = try await Self.verifiedRequest(app, keys, type: "rectification",
                                                    details: ["corrections": ["user.demographic.date_of_birth": young]])
            _ = try await Self.action(app, keys, id, "approve")
            let decision = try decoded(try await app.testing().sendRequest(.POST, "v1/decisions", headers: keys.admin,
                                                                           body: json(["subject_id": subjectID, "purpose": "marketing"])))
            #expect(decision["allowed"] as? Bool == false && decision["reason"] as? String == "under_minimum_age")
        }
    }

    @Test("Art. 12(4): a rejection gives reasons and the complaint route; Art. 15 for an unknown address says no data is held")
    func rejectionAndNoData() async throws {
        try await withSargs { app, _, keys, _ in
            let created = try await Self.submit(app, keys, ["type": "access", "email": "nobody@example.lv", "language": "en", "channel": "web"])
            let id = try #require(created["id"] as? String)
            let code = try #require(try await SentMail.deliverAndRead(app).last { $0.subject == "Your verification code" }?.code)
            _ = try await Self.action(app, keys, id, "verify", ["code": code])
            let done = try await Self.action(app, keys, id, "approve")
            #expect((done["outcome"] as? [String: Any])?["no_data"] as? Bool == true)
            #expect(try await SentMail.deliverAndRead(app).contains { $0.body.contains("We do not process any personal data about you") })
            let other = try await Self.submit(app, keys, ["type": "erasure", "email": "nobody@example.lv", "language": "en", "channel": "web"])
            let otherID = try #require(other["id"] as? String)
            let rejected = try await Self.action(app, keys, otherID, "reject", ["kind": "manifestly_unfounded", "reason": "Repeated identical requests"])
            #expect(rejected["status"] as? String == "rejected")
            let answer = try #require(try await SentMail.deliverAndRead(app).last { $0.subject == "We cannot act on your request" })
            #expect(answer.body.contains("Repeated identical requests") && answer.body.contains("Data State Inspectorate"))
        }
    }

    @Test("Bad input names the field: a right the jurisdiction does not grant, an undeclared category, a missing proof")
    func badInput() async throws {
        try await withSargs(policy: "examples/coral-travel/ukraine.yaml") { app, _, keys, _ in
            let problem = try await Self.submit(app, keys, ["type": "portability", "email": "a@example.ua", "language": "uk", "channel": "email"],
                                                status: .unprocessableEntity)
            #expect(problem["field"] as? String == "type")
            let category = try await Self.submit(app, keys, ["type": "rectification", "email": "a@example.ua", "language": "uk", "channel": "email",
                                                             "details": ["corrections": ["user.favourite.colour": "blue"]]],
                                                 status: .unprocessableEntity)
            #expect(category["field"] as? String == "details.corrections.user.favourite.colour")
            let proof = try await Self.submit(app, keys, ["type": "access", "email": "a@example.ua", "language": "uk", "channel": "email",
                                                          "representative": ["name": "Advokat", "contact": "law@example.ua"]],
                                              status: .unprocessableEntity)
            #expect(proof["field"] as? String == "representative.proof")
        }
    }
}

/// The remaining rights end to end: portability (with transmission), recipients, automated-decision review.
@Suite("Data-subject requests: portability, recipients, review", .serialized)
struct MoreRequestTests {
    @Test("Art. 20: portability covers only provided data and is transmitted to another controller on request")
    func portability() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withSargs(environment: ["SARGS_ALLOW_INSECURE_URLS": "1"]) { app, _, keys, _ in
            var anna = SubjectAPITests.anna
            anna["collected_for"] = "web-analytics"
            anna["data"] = ["user.behavior.browsing_history": "visited /pricing", "user.device.cookie_id": "cookie-42"]
            anna["external_ref"] = "anna-web"
            let visitor = try await SubjectAPITests.create(app, keys, anna)
            _ = try await app.testing().sendRequest(.PATCH, "v1/subjects/\(visitor)", headers: keys.admin,
                                                    body: json(["purpose": "web-analytics", "data": ["user.device.ip_address": "192.0.2.7"]]))
            let created = try await RequestAPITests.submit(app, keys, ["type": "portability", "subject_id": visitor, "language": "en",
                                                                       "channel": "web", "details": ["transmit_to": receiver.url]])
            let id = try #require(created["id"] as? String)
            _ = try await RequestAPITests.action(app, keys, id, "verify", ["attestation": ["method": "in_person", "checked": "ID card"]])
            let done = try await RequestAPITests.action(app, keys, id, "approve")
            #expect((done["outcome"] as? [String: Any])?["transmitted"] as? Bool == true)
            try await BackgroundRuns.runOnce(app)
            let delivery = try #require(await receiver.received.first)
            let document = try #require(try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])
            let categories = Set(((document["data"] as? [[String: Any]]) ?? []).compactMap { $0["category"] as? String })
            // Observed browsing history (provided_by_subject: false) is not portable; the cookie id and IP address are.
            #expect(categories == ["user.device.cookie_id", "user.device.ip_address"])
            #expect(document["scope"] as? String == "portability")
        }
    }

    @Test("Art. 19 (second sentence), UA Art. 8(2)(2): the recipients request lists who received the data")
    func recipients() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await SubjectAPITests.create(app, keys)
            _ = try await app.testing().sendRequest(.POST, "v1/subjects/\(subjectID)/disclosures", headers: keys.agent,
                                                    body: json(["recipient": "payment-processors", "purpose": "services", "categories": ["user.name"]]))
            let id = try await RequestAPITests.verifiedRequest(app, keys, type: "recipients")
            let done = try await RequestAPITests.action(app, keys, id, "approve")
            #expect((done["outcome"] as? [String: Any])?["recipients"] as? [String] == ["payment-processors"])
            let answer = try #require(try await SentMail.deliverAndRead(app).last { $0.subject == "Jūsu pieprasījums ir izpildīts" })
            #expect(answer.body.contains("izpauduši šādiem saņēmējiem"))
        }
    }

    @Test("Art. 22(3): a review of an automated decision waits for a person, who completes it with the outcome")
    func automatedDecisionReview() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await SubjectAPITests.create(app, keys)
            let id = try await RequestAPITests.verifiedRequest(app, keys, type: "automated_decision_review", details: ["text": "Card limit refused"])
            let approved = try await RequestAPITests.action(app, keys, id, "approve")
            #expect(approved["status"] as? String == "in_progress")
            _ = try await RequestAPITests.action(app, keys, id, "complete", ["note": ""], status: .unprocessableEntity)
            let done = try await RequestAPITests.action(app, keys, id, "complete", ["note": "Reviewed by a credit officer: limit granted"])
            #expect(done["status"] as? String == "completed")
            let events = try #require(done["events"] as? [[String: Any]])
            #expect(events.map { $0["action"] as? String } == ["received", "challenge", "verify", "approve", "complete"])
            #expect(try await SentMail.deliverAndRead(app).contains { $0.body.contains("limit granted") })
        }
    }
}

@Suite("Tombstones", .serialized)
struct TombstoneTests {
    @Test("After a restore, replaying the tombstone list crypto-shreds the subjects the backup brought back")
    func replay() async throws {
        try await withSargs { app, context, keys, _ in
            // A live subject stands for one the restored backup still holds, though it was erased later.
            let restored = try #require(UUID(uuidString: try await SubjectAPITests.create(app, keys)))
            let neverSeen = UUID()
            let shredded = try await ErasureService.replayTombstones([restored, neverSeen], context: context, on: app.db)
            #expect(shredded == 1)
            let subject = try #require(try await SubjectModel.find(restored, on: app.db))
            #expect(subject.status == "erased" && subject.wrappedKey == nil && subject.emailIndex == nil)
            #expect(try await DataItemModel.query(on: app.db).count() == 0)
            #expect(Set(try await TombstoneModel.query(on: app.db).all().compactMap(\.id)) == [restored, neverSeen])
            // Replaying again changes nothing.
            #expect(try await ErasureService.replayTombstones([restored, neverSeen], context: context, on: app.db) == 0)
        }
    }
}

@Suite("Invalid-request deadline", .serialized)
struct InvalidRequestDeadlineTests {
    @Test("Coral Travel LT: an unverified request not rejected within 5 business days is listed as overdue")
    func unverifiedPastNoticeDate() async throws {
        try await withSargs(policy: "examples/coral-travel/lithuania.yaml") { app, _, keys, _ in
            let created = try await RequestAPITests.submit(app, keys, ["type": "access", "email": "jonas@example.lt", "language": "lt", "channel": "email"])
            let id = try #require(created["id"] as? String)
            let receivedText = try #require(created["received_on"] as? String)
            let received = try #require(CivilDate(iso: receivedText))
            #expect(created["invalid_notice_due_on"] as? String == LegalPeriod.lastDay(after: received, businessDays: 5).description)
            let none = try decoded(try await app.testing().sendRequest(.GET, "v1/requests?overdue=true", headers: keys.dpo))
            #expect((none["requests"] as? [[String: Any]])?.isEmpty == true)
            // Eight days later, still unverified: the reasoned rejection is overdue, though the answer is not.
            let request = try #require(try await RequestModel.find(UUID(uuidString: id), on: app.db))
            request.invalidNoticeDueOn = DecisionEngine.civilDate(Date()).adding(days: -1).description
            try await request.save(on: app.db)
            let overdue = try decoded(try await app.testing().sendRequest(.GET, "v1/requests?overdue=true", headers: keys.dpo))
            #expect((overdue["requests"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            _ = try await RequestAPITests.action(app, keys, id, "reject", ["kind": "identity_not_verified", "reason": "No qualified signature"])
            let after = try decoded(try await app.testing().sendRequest(.GET, "v1/requests?overdue=true", headers: keys.dpo))
            #expect((after["requests"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}
