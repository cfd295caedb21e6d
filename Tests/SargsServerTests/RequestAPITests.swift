import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Data-subject requests end to end, on SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Data-subject requests")
struct RequestAPITests {
    @Test(
        """
        Art. 15: access — acknowledged with its deadline, verified by code, answered with a signed link to a ZIP copy
        """)
    func access() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            let approved = try await RequestActions.perform(app, keys, id, "approve")
            #expect(approved.status == "completed")
            let mail = try await SentMail.deliverAndRead(app)
            #expect(
                mail.contains {
                    $0.subject == "Esam saņēmuši jūsu pieprasījumu" && $0.to == "anna.berzina@example.lv"
                })
            let answer = try #require(mail.last { $0.subject == "Jūsu pieprasījums ir izpildīts" })
            let link = try #require(answer.body.firstMatch(of: /\/v1\/exports\/[A-Za-z0-9.\-]+/).map { String($0.0) })
            let download = try await app.testing().sendRequest(.GET, String(link.dropFirst()))
            #expect(download.status == .ok && download.headers.contentType?.subType == "zip")
            let zip = Data(download.body.readableBytesView)
            #expect(zip.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
            #expect(String(decoding: zip, as: UTF8.self).contains("Anna Bērziņa"))
            // A tampered link fails.
            let tampered = try await app.testing().sendRequest(
                .GET, String(link.dropFirst()).replacingOccurrences(of: ".", with: "9", options: .backwards, range: nil)
            )
            #expect(tampered.status == .gone)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "export.download").all()
            #expect(audit.count == 1 && audit.first?.subjectID == UUID(uuidString: subjectID))
        }
    }

    @Test("Art. 12(6): five wrong codes lock verification; then even the right code fails")
    func lockOut() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            let created = try await Factory.request(
                app, keys,
                ["type": "erasure", "email": "anna.berzina@example.lv", "language": "en", "channel": "email"])
            let id = created.id.uuidString
            let code = try #require(
                try await SentMail.deliverAndRead(app).last { $0.subject == "Your verification code" }?.code)
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 1...4 {
                try await RequestActions.refused(
                    app, keys, id, "verify", ["code": wrong], status: .unprocessableEntity, field: "code")
            }
            try await RequestActions.refused(app, keys, id, "verify", ["code": wrong], status: .tooManyRequests)
            try await RequestActions.refused(app, keys, id, "verify", ["code": code], status: .tooManyRequests)
            // Unverified, the request cannot be approved.
            try await RequestActions.refused(app, keys, id, "approve", status: .conflict)
        }
    }

    @Test("Art. 17(3)(b): erasure keeps accounting records until the legal period ends, restricts them, and says so")
    func erasureKeepsAccounting() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "erasure")
            let done = try await RequestActions.perform(app, keys, id, "approve")
            let outcome = try #require(done.outcome)
            #expect(outcome.shredded == false)
            let kept = try #require(outcome.kept)
            #expect(kept.map(\.category) == ["user.name"])
            let year = DecisionEngine.civilDate(Date()).year
            #expect(kept.first?.until == "\(year + 5)-12-31")
            #expect(outcome.erased?.contains("user.contact.email") == true)
            let answer = try #require(
                try await SentMail.deliverAndRead(app).last { $0.subject == "Jūsu pieprasījums ir izpildīts" })
            #expect(answer.body.contains("Grāmatvedības likums") && answer.body.contains("31.12.\(year + 5)"))
            // What is kept is only stored: decisions are restricted.
            let decision = try await decide(app, keys, ["subject_id": subjectID, "purpose": "services"])
            #expect(decision.allowed == false && decision.reason == "restricted")
            let items = try await DataItemModel.query(on: app.db).all()
            #expect(items.map(\.category) == ["user.name"])
        }
    }

    @Test("Art. 17: an erasure with nothing to keep crypto-shreds the subject; re-running it is harmless")
    func erasureShreds() async throws {
        try await withSargs { app, context, keys, _ in
            let subjectID = try await Factory.subject(
                app, keys,
                NewSubject.anna.with(
                    data: ["user.contact.email": "anna.berzina@example.lv"],
                    collectedFor: "marketing"))
            let id = try await Factory.verifiedRequest(app, keys, type: "erasure")
            let done = try await RequestActions.perform(app, keys, id, "approve")
            #expect(done.outcome?.shredded == true)
            let subject = try #require(try await SubjectModel.find(UUID(uuidString: subjectID), on: app.db))
            #expect(subject.wrappedKey == nil && subject.emailIndex == nil && subject.status == .erased)
            #expect(try await TombstoneModel.find(UUID(uuidString: subjectID), on: app.db) != nil)
            #expect(try await DataItemModel.query(on: app.db).count() == 0)
            let decision = try await decide(app, keys, ["subject_id": subjectID, "purpose": "marketing"])
            #expect(decision.reason == "erased")
            // A second erasure of the same subject (staff-attested) changes nothing and answers "no data".
            let again = try await Factory.request(
                app, keys, ["type": "erasure", "subject_id": subjectID, "language": "lv", "channel": "post"])
            #expect(again.status == "received")
            let againID = again.id.uuidString
            try await RequestActions.perform(
                app, keys, againID, "verify",
                [
                    "attestation": [
                        "method": "qualified_electronic_signature",
                        "checked": "eParaksts signature valid",
                    ]
                ])
            let second = try await RequestActions.perform(app, keys, againID, "approve")
            #expect(second.outcome?.noData == true)
            // No address is left: the answer is kept, in Latvian, as a letter for staff to post.
            let letter = try #require(second.letter)
            #expect(letter.language == "lv" && letter.body.contains("Mēs neapstrādājam jūsu personas datus"))
            if case .broken(let sequence, let reason) = try await context.audit.verify(on: app.db).verification {
                Issue.record("audit chain broken at \(sequence): \(reason)")
            }
        }
    }

    @Test("Art. 18: a restriction request blocks decisions; Art. 18(3): lifting is announced first")
    func restriction() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: subjectID, kind: "member")
            let id = try await Factory.verifiedRequest(app, keys, type: "restriction")
            try await RequestActions.perform(app, keys, id, "approve")
            let decision = try await decide(app, keys, ["subject_id": subjectID, "purpose": "services"])
            #expect(decision.allowed == false && decision.reason == "restricted")
            let restriction = try #require(try await RestrictionModel.query(on: app.db).first())
            let lift = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(subjectID)/restrictions/\(restriction.id!.uuidString)/lift",
                headers: keys.dpo, body: json(["reason": "Accuracy verified"]))
            #expect(lift.status == .ok)
            #expect(try decode(Wire.Lift.self, lift).noticeSent == true)
            // The lift takes effect a day later: still restricted now, and the subject has been written to.
            let still = try await decide(app, keys, ["subject_id": subjectID, "purpose": "services"])
            #expect(still.reason == "restricted")
            #expect(
                try await SentMail.deliverAndRead(app).contains {
                    $0.subject == "Jūsu datu apstrādes ierobežojums tiks atcelts"
                })
        }
    }

    @Test("Art. 21(3): an objection to direct marketing overrides a live consent")
    func objectionOverridesConsent() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: subjectID, purpose: "marketing", method: "web-form")
            let before = try await decide(app, keys, ["subject_id": subjectID, "purpose": "marketing"])
            #expect(before.allowed == true)
            let id = try await Factory.verifiedRequest(
                app, keys, type: "objection", details: ["direct_marketing": true])
            try await RequestActions.perform(app, keys, id, "approve")
            let after = try await decide(app, keys, ["subject_id": subjectID, "purpose": "marketing"])
            #expect(after.allowed == false && after.reason == "direct_marketing_objection")
            #expect(try await SentMail.deliverAndRead(app).contains { $0.body.contains("tiešajai tirgvedībai") })
        }
    }

    @Test("Art. 7(3): withdrawal by request takes effect at once")
    func withdrawal() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await Factory.subject(app, keys)
            try await Factory.consent(
                app, keys, subject: subjectID, purpose: "contests-and-surveys", method: "web-form")
            let id = try await Factory.verifiedRequest(
                app, keys, type: "withdraw_consent", details: ["purposes": ["contests-and-surveys"]])
            let done = try await RequestActions.perform(app, keys, id, "approve")
            #expect(done.outcome?.purposes == ["contests-and-surveys"])
            let decision = try await decide(app, keys, ["subject_id": subjectID, "purpose": "contests-and-surveys"])
            #expect(decision.reason == "consent_withdrawn")
        }
    }

    @Test("Coral Club (seed 000 l.131): every message is answered within 30 days, so an extension is refused")
    func coralClubNoExtension() async throws {
        try await withSargs { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            let refused = try await RequestActions.refused(
                app, keys, id, "extend", ["by": "P1M", "reasons": "many requests"],
                status: .unprocessableEntity)
            #expect(refused.detail.contains("no extension") || refused.detail.contains("extension"))
            // The console does not offer what would be refused.
            let model = try await RequestQueries.find(try #require(UUID(uuidString: id)), on: app.db)
            let dpo = Principal(staff: UUID(), role: .dpo)
            #expect(!RequestService(context: context).availableActions(model, for: dpo).contains(.extend))
        }
    }

    @Test(
        """
        Art. 12(3): extension needs reasons and is told to the subject; past the first month \
        it is refused (Coral Club with the GDPR's two months, which its seed does not offer)
        """
    )
    func extensionRules() async throws {
        let clock = ManualClock.testing()
        let extendable = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "  maximum_extension: P0D\n", with: "")
        defer { extendable.remove() }
        try await withSargs(policy: extendable.path, clock: clock) { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.refused(
                app, keys, id, "extend", ["by": "P3M", "reasons": "Many requests"],
                status: .unprocessableEntity, field: "by")
            let extended = try await RequestActions.perform(
                app, keys, id, "extend", ["by": "P2M", "reasons": "Many requests this month"])
            #expect(extended.dueOn == extended.latestDueOn && extended.extended == true)
            #expect(try await SentMail.deliverAndRead(app).contains { $0.body.contains("Many requests this month") })
            // A second request, and 40 days later: its first month is over, an extension can no longer be decided.
            let second = try await Factory.verifiedRequest(app, keys, type: "access")
            clock.advance(days: 40)
            let late = try await RequestActions.refused(
                app, keys, second, "extend", ["by": "P1M", "reasons": "Complex"],
                status: .unprocessableEntity)
            #expect(late.detail.contains("Art. 12(3)"))
            // And it is overdue (the extended one is not): listed, counted in the metric.
            let overdue = try await getJSON(Wire.RequestList.self, app, "v1/requests?overdue=true", as: keys.dpo)
            #expect(overdue.requests.map(\.id.uuidString) == [second])
            // Pages: two requests per page here, so the first page of three points at the next.
            _ = try await Factory.request(
                app, keys, ["type": "erasure", "email": "anna.berzina@example.lv", "language": "lv", "channel": "web"])
            let page = try await getJSON(Wire.RequestList.self, app, "v1/requests?limit=2", as: keys.dpo)
            #expect(page.requests.count == 2 && page.nextOffset == 2)
            let last = try await app.testing().sendRequest(.GET, "v1/requests?limit=2&offset=2", headers: keys.dpo)
            #expect(try decode(Wire.RequestList.self, last).requests.count == 1)
            #expect(try decode(Wire.RequestList.self, last).nextOffset == nil)
            #expect(!(try decode(MemberNames.self, last)).all.contains("next_offset"))
            #expect(try await BackgroundRuns.runOnceReadingMetrics(app).contains("sargs_requests_overdue 1"))
        }
    }

    @Test("Art. 16, 19: rectification changes the value and is passed on to each recipient through a signed webhook")
    func rectificationNotifiesRecipients() async throws {
        try await withSargs(environment: ["SARGS_ALLOW_INSECURE_URLS": "1"]) { app, _, keys, _ in
            let receiver = try await WebhookReceiver.start()
            defer { Task { await receiver.stop() } }
            let subjectID = try await Factory.subject(app, keys)
            let endpoint = try decode(
                Wire.Endpoint.self,
                try await app.testing().sendRequest(
                    .PUT, "v1/recipients/group-companies/endpoint", headers: keys.admin,
                    body: json(["url": receiver.url])))
            let secret = try #require(Data(base64Encoded: endpoint.secret))
            try await Factory.relationship(app, keys, subject: subjectID)
            for (recipient, categories) in [
                ("group-companies", ["user.name", "user.contact.email"]), ("payment-processors", ["user.name"]),
            ] {
                try await Factory.disclosure(
                    app, keys, subject: subjectID, recipient: recipient, categories: categories)
            }
            let id = try await Factory.verifiedRequest(
                app, keys, type: "rectification", details: ["corrections": ["user.name": "Anna Kalniņa"]])
            let done = try await RequestActions.perform(app, keys, id, "approve")
            #expect(done.outcome?.recipients == ["group-companies", "payment-processors"])
            try await BackgroundRuns.runOnce(app)
            let delivery = try #require(await receiver.received.first)
            #expect(
                WebhookSignature.verify(
                    header: delivery.signature, secret: secret, deliveryID: UUID(uuidString: delivery.id)!,
                    body: delivery.body, now: Int(Date().timeIntervalSince1970)))
            let payload = try decode(Wire.RecipientNotice.self, delivery.body)
            #expect(payload.event == "rectification" && payload.values?["user.name"] == "Anna Kalniņa")
            let shown = try await getJSON(Wire.Request.self, app, "v1/requests/\(id)", as: keys.dpo)
            let recipients = try #require(shown.recipients)
            #expect(recipients.first { $0.recipient == "group-companies" }?.confirmedAt != nil)
            #expect(recipients.first { $0.recipient == "payment-processors" }?.method == "manual")
            try await RequestActions.perform(app, keys, id, "recipients/payment-processors/confirm")
            let read = try await getJSON(
                Wire.SubjectRead.self, app, "v1/subjects/\(subjectID)?purpose=authority-requests", as: keys.dpo)
            #expect(read.data["user.name"] == "Anna Kalniņa")
        }
    }

    @Test("Art. 16 with Art. 8(1): a rectified date of birth changes the age facts decisions use")
    func rectifiedBirthDate() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: subjectID, purpose: "marketing", method: "web-form")
            let young = DecisionEngine.civilDate(Date()).adding(years: -12).description
            let id = try await Factory.verifiedRequest(
                app, keys, type: "rectification",
                details: ["corrections": ["user.demographic.date_of_birth": young]])
            try await RequestActions.perform(app, keys, id, "approve")
            let decision = try await decide(app, keys, ["subject_id": subjectID, "purpose": "marketing"])
            #expect(decision.allowed == false && decision.reason == "under_minimum_age")
        }
    }

    @Test(
        """
        Art. 12(4): a rejection gives reasons and the complaint \
        route; Art. 15 for an unknown address says no data is held
        """
    )
    func rejectionAndNoData() async throws {
        try await withSargs { app, _, keys, _ in
            let created = try await Factory.request(
                app, keys, ["type": "access", "email": "nobody@example.lv", "language": "en", "channel": "web"])
            let id = created.id.uuidString
            let code = try #require(
                try await SentMail.deliverAndRead(app).last { $0.subject == "Your verification code" }?.code)
            try await RequestActions.perform(app, keys, id, "verify", ["code": code])
            let done = try await RequestActions.perform(app, keys, id, "approve")
            #expect(done.outcome?.noData == true)
            #expect(
                try await SentMail.deliverAndRead(app).contains {
                    $0.body.contains("We do not process any personal data about you")
                })
            let other = try await Factory.request(
                app, keys, ["type": "erasure", "email": "nobody@example.lv", "language": "en", "channel": "web"])
            let rejected = try await RequestActions.perform(
                app, keys, other.id.uuidString, "reject",
                ["kind": "manifestly_unfounded", "reason": "Repeated identical requests"])
            #expect(rejected.status == "rejected")
            let answer = try #require(
                try await SentMail.deliverAndRead(app).last { $0.subject == "We cannot act on your request" })
            #expect(
                answer.body.contains("Repeated identical requests") && answer.body.contains("Data State Inspectorate"))
        }
    }

    @Test("Bad input names the field: a right the jurisdiction does not grant, an undeclared category, a missing proof")
    func badInput() async throws {
        try await withSargs(policy: "examples/coral-travel/ukraine.yaml") { app, _, keys, _ in
            func refused(
                _ body: [String: any Sendable], field: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
            ) async throws {
                let response = try await app.testing().sendRequest(
                    .POST, "v1/requests", headers: keys.agent, body: json(body))
                try expectProblem(response, status: .unprocessableEntity, field: field, sourceLocation: sourceLocation)
            }
            try await refused(
                ["type": "portability", "email": "a@example.ua", "language": "uk", "channel": "email"], field: "type")
            try await refused(
                [
                    "type": "rectification", "email": "a@example.ua", "language": "uk", "channel": "email",
                    "details": ["corrections": ["user.favourite.colour": "blue"]],
                ],
                field: "details.corrections.user.favourite.colour")
            try await refused(
                [
                    "type": "access", "email": "a@example.ua", "language": "uk", "channel": "email",
                    "representative": ["name": "Advokat", "contact": "law@example.ua"],
                ],
                field: "representative.proof")
        }
    }
}

/// The remaining rights end to end: portability (with transmission), recipients, automated-decision review.
@Suite("Data-subject requests: portability, recipients, review")
struct MoreRequestTests {
    @Test("Art. 20: portability covers only provided data and is transmitted to another controller on request")
    func portability() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { Task { await receiver.stop() } }
        try await withSargs(environment: ["SARGS_ALLOW_INSECURE_URLS": "1"]) { app, _, keys, _ in
            var visitor = NewSubject.anna.with(
                data: ["user.behavior.browsing_history": "visited /pricing", "user.device.cookie_id": "cookie-42"],
                collectedFor: "web-analytics")
            visitor.externalRef = "anna-web"
            let visitorID = try await Factory.subject(app, keys, visitor)
            _ = try await app.testing().sendRequest(
                .PATCH, "v1/subjects/\(visitorID)", headers: keys.admin,
                body: json(["purpose": "web-analytics", "data": ["user.device.ip_address": "192.0.2.7"]]))
            let created = try await Factory.request(
                app, keys,
                [
                    "type": "portability", "subject_id": visitorID, "language": "en",
                    "channel": "web", "details": ["transmit_to": receiver.url],
                ])
            let id = created.id.uuidString
            try await RequestActions.perform(
                app, keys, id, "verify", ["attestation": ["method": "in_person", "checked": "ID card"]])
            let done = try await RequestActions.perform(app, keys, id, "approve")
            #expect(done.outcome?.transmitted == true)
            try await BackgroundRuns.runOnce(app)
            let delivery = try #require(await receiver.received.first)
            let document = try decode(Wire.ExportDocument.self, delivery.body)
            // Observed browsing history (provided_by_subject: false) is not portable; the cookie id and IP address are.
            #expect(Set(document.data.map(\.category)) == ["user.device.cookie_id", "user.device.ip_address"])
            #expect(document.scope == "portability")
        }
    }

    @Test("Art. 19 (second sentence), UA Art. 8(2)(2): the recipients request lists who received the data")
    func recipients() async throws {
        try await withSargs { app, _, keys, _ in
            let subjectID = try await Factory.subject(app, keys)
            try await Factory.relationship(app, keys, subject: subjectID)
            try await Factory.disclosure(
                app, keys, subject: subjectID, recipient: "payment-processors", categories: ["user.name"])
            let id = try await Factory.verifiedRequest(app, keys, type: "recipients")
            let done = try await RequestActions.perform(app, keys, id, "approve")
            #expect(done.outcome?.recipients == ["payment-processors"])
            let answer = try #require(
                try await SentMail.deliverAndRead(app).last { $0.subject == "Jūsu pieprasījums ir izpildīts" })
            #expect(answer.body.contains("izpauduši šādiem saņēmējiem"))
        }
    }

    @Test("Art. 22(3): a review of an automated decision waits for a person, who completes it with the outcome")
    func automatedDecisionReview() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(
                app, keys, type: "automated_decision_review", details: ["text": "Card limit refused"])
            let approved = try await RequestActions.perform(app, keys, id, "approve")
            #expect(approved.status == "in_progress")
            try await RequestActions.refused(app, keys, id, "complete", ["note": ""], status: .unprocessableEntity)
            let done = try await RequestActions.perform(
                app, keys, id, "complete", ["note": "Reviewed by a credit officer: limit granted"])
            #expect(done.status == "completed")
            let events = try #require(done.events)
            #expect(events.map(\.action) == ["received", "challenge", "verify", "approve", "complete"])
            #expect(try await SentMail.deliverAndRead(app).contains { $0.body.contains("limit granted") })
        }
    }
}

@Suite("Tombstones")
struct TombstoneTests {
    @Test("After a restore, replaying the tombstone list crypto-shreds the subjects the backup brought back")
    func replay() async throws {
        try await withSargs { app, context, keys, _ in
            // A live subject stands for one the restored backup still holds, though it was erased later.
            let restored = try #require(UUID(uuidString: try await Factory.subject(app, keys)))
            let neverSeen = UUID()
            let shredded = try await ErasureService.replayTombstones(
                [restored, neverSeen], store: context.store, owners: context.subjectData, clock: context.clock,
                on: app.db)
            #expect(shredded == 1)
            let subject = try #require(try await SubjectModel.find(restored, on: app.db))
            #expect(subject.status == .erased && subject.wrappedKey == nil && subject.emailIndex == nil)
            #expect(try await DataItemModel.query(on: app.db).count() == 0)
            #expect(Set(try await TombstoneModel.query(on: app.db).all().compactMap(\.id)) == [restored, neverSeen])
            // Replaying again changes nothing.
            #expect(
                try await ErasureService.replayTombstones(
                    [restored, neverSeen], store: context.store, owners: context.subjectData, clock: context.clock,
                    on: app.db) == 0)
        }
    }
}

@Suite("Invalid-request deadline")
struct InvalidRequestDeadlineTests {
    @Test("Coral Travel LT: an unverified request not rejected within 5 business days is listed as overdue")
    func unverifiedPastNoticeDate() async throws {
        // Friday 12 February 2027: five business days skip the weekend and Tuesday 16 February, a public holiday in
        // Lithuania.
        let clock = ManualClock.testing(ISO8601DateFormatter().date(from: "2027-02-12T10:00:00Z")!)
        try await withSargs(policy: "examples/coral-travel/lithuania.yaml", clock: clock) { app, _, keys, _ in
            let created = try await Factory.request(
                app, keys, ["type": "access", "email": "jonas@example.lt", "language": "lt", "channel": "email"])
            let id = created.id.uuidString
            #expect(created.receivedOn == "2027-02-12" && created.invalidNoticeDueOn == "2027-02-22")
            // Seed 004 LT l.150: a qualified e-signature or other e-signature that keeps the text intact.
            #expect(created.signatureRequired == "electronic" && created.status == "received")
            let none = try await getJSON(Wire.RequestList.self, app, "v1/requests?overdue=true", as: keys.dpo)
            #expect(none.requests.isEmpty)
            // On 22 February (the holiday moved the last day) it is not yet overdue; the day after, still
            // unverified, the reasoned rejection is overdue, though the answer is not.
            clock.advance(days: 10)
            #expect(
                try await getJSON(Wire.RequestList.self, app, "v1/requests?overdue=true", as: keys.dpo).requests.isEmpty
            )
            clock.advance(days: 1)
            let overdue = try await getJSON(Wire.RequestList.self, app, "v1/requests?overdue=true", as: keys.dpo)
            #expect(overdue.requests.map(\.id.uuidString) == [id])
            try await RequestActions.perform(
                app, keys, id, "reject", ["kind": "identity_not_verified", "reason": "No qualified signature"])
            let after = try await getJSON(Wire.RequestList.self, app, "v1/requests?overdue=true", as: keys.dpo)
            #expect(after.requests.isEmpty)
        }
    }
}
