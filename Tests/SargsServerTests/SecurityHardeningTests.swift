import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// The attacks and faults of the 2026-12-05 security review (issue 20), each reproduced and now
/// failing, on SQLite (default) or PostgreSQL (`SARGS_TEST_DATABASE_URL`).
@Suite("Security hardening")
struct SecurityHardeningTests {
    /// A service key for `purposes`.
    func serviceKey(_ context: SargsContext, _ app: Application, purposes: [String]) async throws -> HTTPHeaders {
        let created = try await APIKeys.create(
            role: .service, purposes: purposes, policy: context.rules.policy, actor: "test", audit: context.audit,
            on: app.db, now: context.clock.now)
        return ["Authorization": "Bearer \(created.token)", "Content-Type": "application/json"]
    }

    @Test(
        """
        R1, Art. 12(6) and 15: a request naming a victim with the caller's \
        address sends the code, the notice and the copy only to the victim
        """
    )
    func verificationBoundToSubject() async throws {
        try await withSargs { app, context, keys, _ in
            let anna = try await Factory.subject(app, keys)
            let everyPurpose = try await serviceKey(context, app, purposes: context.rules.policy.purposes.map(\.id))
            let submitted = try await app.testing().sendRequest(
                .POST, "v1/requests", headers: everyPurpose,
                body: json([
                    "type": "access", "subject_id": anna, "email": "attacker@evil.test", "language": "en",
                    "channel": "web",
                ]))
            #expect(submitted.status == .created, "\(submitted.body.string)")
            let id = try decode(Wire.Request.self, submitted).id.uuidString
            var mail = try await SentMail.deliverAndRead(app)
            #expect(!mail.contains { $0.to.contains("evil.test") })
            let code = try #require(
                mail.last { $0.to == NewSubject.annasEmail && $0.subject == "Your verification code" }?.code)
            let acknowledgement = try #require(
                mail.first { $0.to == NewSubject.annasEmail && $0.body.contains("made in your name") })
            #expect(!acknowledgement.body.contains("evil.test"))
            // The caller cannot pass a code it never received.
            let guess = code == "000000" ? "111111" : "000000"
            try await RequestActions.refused(
                app, keys, id, "verify", ["code": guess], as: everyPurpose, status: .unprocessableEntity, field: "code")
            // Even after staff verify and approve, the copy goes to the address on file.
            try await RequestActions.perform(
                app, keys, id, "verify", ["attestation": ["method": "in_person", "checked": "ID card"]])
            _ = try await RequestActions.perform(app, keys, id, "approve")
            mail = try await SentMail.deliverAndRead(app)
            #expect(!mail.contains { $0.to.contains("evil.test") })
            #expect(mail.contains { $0.to == NewSubject.annasEmail && $0.body.contains("/v1/exports/") })
            // The console shows where codes and copies go.
            let model = try await RequestQueries.find(try #require(UUID(uuidString: id)), on: app.db)
            #expect(try await RequestService(context: context).address(for: model, on: app.db) == NewSubject.annasEmail)
        }
    }

    @Test(
        """
        R1/R8: a service key limited to one purpose cannot file or handle a request that reaches all of a subject's data
        """
    )
    func requestScope() async throws {
        try await withSargs { app, context, keys, _ in
            let anna = try await Factory.subject(app, keys)
            let problem = try expectProblem(
                try await app.testing().sendRequest(
                    .POST, "v1/requests", headers: keys.marketingService,
                    body: json([
                        "type": "access", "subject_id": anna, "language": "en", "channel": "web",
                    ])), status: .forbidden)
            #expect(problem.detail.contains("outside the key's purposes"))
            // An objection to its own purpose is within its scope.
            let objection = try await app.testing().sendRequest(
                .POST, "v1/requests", headers: keys.marketingService,
                body: json([
                    "type": "objection", "subject_id": anna, "language": "en", "channel": "web",
                    "details": ["purposes": ["marketing"]],
                ]))
            #expect(objection.status == .created, "\(objection.body.string)")
            // A request filed by staff cannot be handled by that key.
            let access = try await Factory.request(
                app, keys, ["type": "access", "subject_id": anna, "language": "en", "channel": "web"])
            try await RequestActions.refused(
                app, keys, access.id.uuidString, "verify", ["code": "123456"], as: keys.marketingService,
                status: .forbidden)
            try await RequestActions.refused(
                app, keys, access.id.uuidString, "challenge", as: keys.marketingService, status: .forbidden)
        }
    }

    @Test(
        "R8, Art. 6(1)(b): a key limited to marketing cannot record a contract and so cannot turn contract decisions on"
    )
    func relationshipScope() async throws {
        try await withSargs { app, _, keys, _ in
            let anna = try await Factory.subject(app, keys)
            let response = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/relationships", headers: keys.marketingService,
                body: json(["kind": "member", "start": "2025-01-01T00:00:00Z"]))
            _ = try expectProblem(response, status: .forbidden)
            #expect(try await RelationshipModel.query(on: app.db).count() == 0)
            let decision = try await decide(app, keys, ["subject_id": anna, "purpose": "services"])
            #expect(decision.allowed == false && decision.reason == "no_active_contract")
        }
    }

    @Test(
        """
        R7: unknown fields are refused with their path and nothing is written (a typo must not date collection to today)
        """
    )
    func unknownFields() async throws {
        try await withSargs { app, _, keys, _ in
            var body: [String: any Sendable] = [
                "country": "LV", "language": "lv", "source": "import", "collected_for": "services",
                "colected_at": "2015-01-01T00:00:00Z", "data": ["user.name": "Anna"],
            ]
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(body)),
                status: .unprocessableEntity, field: "colected_at")
            #expect(try await SubjectModel.query(on: app.db).count() == 0)
            body["colected_at"] = nil
            let anna = try await Factory.subject(app, keys)
            let objection = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/objections", headers: keys.admin,
                body: json(["direct_marketng": true]))
            _ = try expectProblem(objection, status: .unprocessableEntity, field: "direct_marketng")
            #expect(try await ObjectionModel.query(on: app.db).count() == 0)
            let nested = try await app.testing().sendRequest(
                .POST, "v1/requests", headers: keys.admin,
                body: json([
                    "type": "objection", "subject_id": anna, "language": "en", "channel": "web",
                    "details": ["direct_marketng": true],
                ]))
            _ = try expectProblem(nested, status: .unprocessableEntity, field: "details.direct_marketng")
        }
    }

    @Test(
        """
        R6: an approval whose fee does not decode is refused and \
        the request stays verified; an empty body still approves
        """
    )
    func approvalBodyNotDropped() async throws {
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            let id = try await Factory.verifiedRequest(app, keys, type: "access")
            try await RequestActions.refused(
                app, keys, id, "approve", ["fee": ["amount": 25, "reason": "x"] as [String: any Sendable]],
                status: .badRequest,
                field: "fee.amount")
            let shown = try decode(
                Wire.Request.self, try await app.testing().sendRequest(.GET, "v1/requests/\(id)", headers: keys.dpo))
            #expect(shown.status == "verified")
            let approved = try await app.testing().sendRequest(.POST, "v1/requests/\(id)/approve", headers: keys.dpo)
            #expect(approved.status == .ok, "\(approved.body.string)")
        }
    }

    @Test("R2: NUL and other control characters are refused with 422 on the API and the anonymous banner endpoint")
    func controlCharacters() async throws {
        try await withSargs { app, _, keys, _ in
            var subject = NewSubject.anna
            subject.source = "we\u{0}b"
            _ = try expectProblem(
                try await app.testing().sendRequest(.POST, "v1/subjects", headers: keys.admin, body: json(subject)),
                status: .unprocessableEntity, field: "source")
            let banner = try await app.testing().sendRequest(
                .POST, "consent/cookies", headers: ["Content-Type": "text/plain"],
                body: ByteBuffer(
                    string:
                        #"""
                        {"visitor_id":"00000000000000000000000000000000","choices":{"statistics":true},\#
                        "policy_version":"v","cookie_hash":"h","language":"e\u0000"}
                        """#
                ))
            _ = try expectProblem(banner, status: .unprocessableEntity, field: "language")
            let audit = try await app.testing().sendRequest(.GET, "v1/audit?actor=a%00b", headers: keys.admin)
            _ = try expectProblem(audit, status: .unprocessableEntity, field: "actor")
        }
    }

    @Test("R9: the NFC and NFD spellings of one address, and its Unicode and ASCII domains, are one subject")
    func oneAddressOneSubject() async throws {
        try await withSargs { app, _, keys, _ in
            let nfc = "j\u{101}nis@ex\u{E4}mple.lv", nfd = "ja\u{304}nis@exa\u{308}mple.lv"
            _ = try await Factory.subject(app, keys, NewSubject.anna.with(data: ["user.contact.email": nfc]))
            let second = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin,
                body: json(NewSubject.anna.with(data: ["user.contact.email": nfd])))
            _ = try expectProblem(second, status: .conflict)
            let ascii = try await app.testing().sendRequest(
                .POST, "v1/subjects", headers: keys.admin,
                body: json(NewSubject.anna.with(data: ["user.contact.email": "j\u{101}nis@xn--exmple-cua.lv"])))
            _ = try expectProblem(ascii, status: .conflict)
            #expect(try await SubjectModel.query(on: app.db).count() == 1)
        }
    }

    @Test(
        """
        R13/R14: a wrong method answers 405 with Allow; bad query values and malformed nested ids answer 400 naming them
        """
    )
    func methodsAndParameters() async throws {
        try await withSargs { app, _, keys, _ in
            let wrong = try await app.testing().sendRequest(.DELETE, "v1/requests", headers: keys.admin)
            _ = try expectProblem(wrong, status: .methodNotAllowed)
            #expect(wrong.headers.first(name: .allow) == "GET, HEAD, POST")
            let shadowed = try await app.testing().sendRequest(.GET, "v1/subjects/lookup", headers: keys.admin)
            _ = try expectProblem(shadowed, status: .methodNotAllowed)
            #expect(shadowed.headers.first(name: .allow) == "POST")
            let unknown = try await app.testing().sendRequest(.DELETE, "v1/no-such-thing", headers: keys.admin)
            #expect(unknown.status == .notFound)
            for (path, field) in [
                ("v1/audit?limit=abc", "limit"), ("v1/requests?overdue=maybe", "overdue"),
                ("v1/requests?limit=abc", "limit"),
            ] {
                _ = try expectProblem(
                    try await app.testing().sendRequest(.GET, path, headers: keys.admin), status: .badRequest,
                    field: field)
            }
            for (path, field) in [
                ("v1/audit?limit=0", "limit"), ("v1/audit?limit=1001", "limit"), ("v1/audit?after=-1", "after"),
            ] {
                _ = try expectProblem(
                    try await app.testing().sendRequest(.GET, path, headers: keys.admin), status: .unprocessableEntity,
                    field: field)
            }
            let anna = try await Factory.subject(app, keys)
            let hold = try await app.testing().sendRequest(
                .POST, "v1/subjects/\(anna)/holds/xyz/release", headers: keys.admin)
            _ = try expectProblem(hold, status: .badRequest, field: "hold_id")
        }
    }

    @Test(
        """
        Explicit nulls, empty query values and implausible times are refused, naming the field (schema-invalid requests)
        """
    )
    func nullsEmptiesAndYears() async throws {
        try await withSargs { app, _, keys, _ in
            let run = try await app.testing().sendRequest(
                .POST, "v1/retention/runs", headers: keys.admin,
                body: ByteBuffer(string: #"{"confirm_rule_change":null}"#))
            _ = try expectProblem(run, status: .unprocessableEntity, field: "confirm_rule_change")
            _ = try expectProblem(
                try await app.testing().sendRequest(.GET, "v1/requests?status=", headers: keys.admin),
                status: .badRequest,
                field: "status")
            // Year 0 once reached the holiday calendar through the breach clock and crashed the server at every start.
            let breach = try await app.testing().sendRequest(
                .POST, "v1/breaches", headers: keys.admin,
                body: json([
                    "discovered_at": "0000-01-01T00:00:00Z", "nature": "x", "categories": ["user.name"],
                    "approximate_subjects": 1,
                    "consequences": "x", "measures": "x",
                ]))
            _ = try expectProblem(breach, status: .unprocessableEntity, field: "discovered_at")
        }
    }

    @Test("R12: a full disk answers 507 with a problem naming the cause, not 500")
    func diskFull() throws {
        let response = try ProblemMiddleware.response(to: POSIXError(.ENOSPC), logger: Logger(label: "test"))
        #expect(response.status == .insufficientStorage)
        #expect(response.body.string?.contains("storage-full") == true)
    }

    @Test("R15: a privacy-center form token fetched on one network is refused from another")
    func formTokenBoundToNetwork() throws {
        #expect(FormProtection.network(of: "203.0.113.7") == FormProtection.network(of: "203.0.113.200"))
        #expect(FormProtection.network(of: "203.0.113.7") != FormProtection.network(of: "198.51.100.7"))
        #expect(FormProtection.network(of: "2001:db8:1:2::7") == FormProtection.network(of: "2001:db8:1:2:aaaa::1"))
        #expect(FormProtection.network(of: "2001:db8:1:2::7") != FormProtection.network(of: "2001:db8:1:3::7"))
    }

    @Test("R16: messages a killed process had claimed are due again when the server starts, not a lease later")
    func claimedMessagesReleased() async throws {
        try await withSargs { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            _ = try await Factory.request(
                app, keys, ["type": "access", "email": NewSubject.annasEmail, "language": "en", "channel": "email"])
            let worker = try #require(app.backgroundJobs?.worker)
            // A process claims the acknowledgement and the code, then dies before sending them.
            #expect(try await worker.claim(on: app.db, now: context.clock.now, limit: 100).count == 2)
            #expect(try await worker.deliverDue(on: app.db) == 0)
            #expect(try await OutboxWorker.releaseClaims(on: app.db, now: context.clock.now) == 2)
            #expect(try await worker.deliverDue(on: app.db) == 2)
            #expect(try await OutboxWorker.releaseClaims(on: app.db, now: context.clock.now) == 0)
        }
    }

    @Test("R5: a public form's answer leaves no earlier than the floor, whether the work was quick, slow or failed")
    func uniformTiming() async throws {
        let clock = ContinuousClock()
        let floor = Duration.milliseconds(40)
        let quick = try await clock.measure { _ = try await UniformTiming.padded(floor) { 1 } }
        let failed = await clock.measure {
            _ = try? await UniformTiming.padded(floor) { () async throws -> Int in throw DomainError.notFound("x") }
        }
        #expect(quick >= floor && failed >= floor)
        await #expect(throws: DomainError.notFound("x")) {
            try await UniformTiming.padded(floor) { () async throws -> Int in throw DomainError.notFound("x") }
        }
        // Known and unknown addresses on the consent sign-in both take at least the floor.
        try await withSargs { app, _, keys, _ in
            _ = try await Factory.subject(app, keys)
            for address in [NewSubject.annasEmail, "nobody@example.lv"] {
                var visitor = PrivacyCenterTests.Visitor(app: app)
                let start = try await visitor.open("privacy/consents?lang=en")
                let took = try await clock.measure {
                    let answer = try await visitor.post(
                        "privacy/consents?lang=en",
                        [("csrf", try PrivacyCenterTests.Visitor.csrf(in: start)), ("email", address)])
                    #expect(answer.status == .seeOther)
                }
                #expect(took >= UniformTiming.floor)
            }
        }
    }
}
