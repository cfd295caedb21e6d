import Fluent
import Foundation
import SargsCore
@testable import SargsKit
import Testing
import Vapor
import VaporTesting
@testable import SargsServer

/// Policy versions with advance notice (GDPR Art. 13(3); Coral Club: "at least 30 days before
/// they take effect"), on SQLite or PostgreSQL, with time moved by the clock.
@Suite("Policy versions")
struct PolicyVersionTests {
    /// Coral Club's next version: contests and surveys also use the phone number (a consent purpose
    /// whose categories grew), under a new version label.
    static func nextVersion() throws -> String {
        try String(contentsOfFile: TestEnvironment.path("examples/coral-club.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "version: \"2024-01\"", with: "version: \"2027-01\"")
            .replacingOccurrences(
                of:
                    """
                        categories: [user.name, user.contact.email]
                        channels: [email]
                        retention: until-consent-withdrawn-max-1y
                    """,
                with:
                    """
                        categories: [user.name, user.contact.email, user.contact.phone_number]
                        channels: [email]
                        retention: until-consent-withdrawn-max-1y
                    """
            )
    }

    static func publish(
        _ app: Application, _ keys: TestKeys, yaml: String, effectiveOn: CivilDate
    ) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(
            .POST, "v1/policy/versions", headers: keys.dpo,
            body: json(["yaml": yaml, "effective_on": effectiveOn.description]))
    }

    static func today(_ context: SargsContext) -> CivilDate { DecisionEngine.civilDate(context.clock.now) }

    @Test(
        """
        Art. 13(3) and change_notice_days: a material change effective \
        in 29 days is refused (422 naming the promise); in 30 it is scheduled
        """
    )
    func noticePeriod() async throws {
        let next = try Self.nextVersion()
        #expect(next.contains("user.contact.phone_number]\n    channels: [email]"))
        try await withSargs { app, context, keys, _ in
            let early = try await Self.publish(app, keys, yaml: next, effectiveOn: Self.today(context).adding(days: 29))
            let problem = try expectProblem(early, status: .unprocessableEntity, field: "effective_on")
            #expect(problem.detail.contains("change_notice_days") && problem.detail.contains("30 days"))
            let list = try await getJSON(Wire.PolicyVersionList.self, app, "v1/policy/versions", as: keys.admin)
            #expect(list.versions.map(\.version) == ["2024-01"], "nothing was scheduled by the refused request")

            let scheduled = try await Self.publish(
                app, keys, yaml: next, effectiveOn: Self.today(context).adding(days: 30))
            #expect(scheduled.status == .created, "\(scheduled.body.string)")
            let version = try decode(Wire.PolicyVersion.self, scheduled)
            #expect(version.material && !version.inForce && version.renewedConsent == ["contests-and-surveys"])
            #expect(
                version.changes.contains {
                    $0.contains("contests-and-surveys") && $0.contains("user.contact.phone_number")
                })
            #expect(context.rules.policy.policy.version == "2024-01", "the new version waits for its date")

            // The same file again, or a new label reused for a material change, is refused.
            let again = try await Self.publish(app, keys, yaml: next, effectiveOn: Self.today(context).adding(days: 40))
            _ = try expectProblem(again, status: .conflict, field: "policy")
            #expect(next.contains("    countries: [LV]\n  - id: advertising-partners"))
            let sameLabel = try await Self.publish(
                app, keys,
                yaml: next.replacingOccurrences(
                    of: "    countries: [LV]\n  - id: advertising-partners",
                    with:
                        """
                            countries: [LV, IN]
                            transfer:
                              safeguard: standard_contractual_clauses
                          - id: advertising-partners
                        """
                ),
                effectiveOn: Self.today(context).adding(days: 40))
            _ = try expectProblem(sameLabel, status: .unprocessableEntity, field: "policy.version")
            // An agent key may not publish.
            let agent = try await app.testing().sendRequest(
                .POST, "v1/policy/versions", headers: keys.agent,
                body: json(["yaml": next, "effective_on": "2030-01-01"]))
            #expect(agent.status == .forbidden)
        }
    }

    @Test("A change that is not material (wording only) may take effect today; nobody is notified")
    func notMaterial() async throws {
        try await withSargs { app, context, keys, _ in
            let yaml = try String(contentsOfFile: TestEnvironment.path("examples/coral-club.yaml"), encoding: .utf8)
                .replacingOccurrences(
                    of: "Encryption of data in transit and at rest where needed.",
                    with: "Encryption of data in transit and at rest.")
            let response = try await Self.publish(app, keys, yaml: yaml, effectiveOn: Self.today(context))
            #expect(response.status == .created, "\(response.body.string)")
            let version = try decode(Wire.PolicyVersion.self, response)
            #expect(!version.material && version.inForce && version.notices.state == "not_required")
            #expect(context.rules.noticeHash != "" && context.rules.versionID?.uuidString.lowercased() == version.id)
        }
    }

    @Test(
        """
        EDPB 05/2020 §110: after the switch a consent given under the old version \
        answers consent_outdated until given again; other purposes keep theirs
        """
    )
    func consentOutdated() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, keys, _ in
            let anna = try await Factory.subject(app, keys)
            try await Factory.consent(app, keys, subject: anna, purpose: "contests-and-surveys")
            try await Factory.consent(app, keys, subject: anna, purpose: "marketing")
            let published = try await Self.publish(
                app, keys, yaml: try Self.nextVersion(), effectiveOn: Self.today(context).adding(days: 30))
            #expect(published.status == .created, "\(published.body.string)")
            let before = try await decide(app, keys, ["subject_id": anna, "purpose": "contests-and-surveys"])
            #expect(before.allowed && before.reason == "consent_given")

            clock.advance(days: 30)
            #expect(
                context.rules.policy.policy.version == "2027-01",
                "the server switched at the effective date without a restart")
            let after = try await decide(app, keys, ["subject_id": anna, "purpose": "contests-and-surveys"])
            #expect(!after.allowed && after.reason == "consent_outdated")
            let marketing = try await decide(app, keys, ["subject_id": anna, "purpose": "marketing"])
            #expect(
                marketing.allowed && marketing.reason == "consent_given",
                "a purpose whose scope did not grow keeps its consent")

            let renewed = try await Factory.consent(app, keys, subject: anna, purpose: "contests-and-surveys")
            #expect(renewed.policyVersion == "2027-01")
            let fresh = try await decide(app, keys, ["subject_id": anna, "purpose": "contests-and-surveys"])
            #expect(fresh.allowed && fresh.reason == "consent_given")
            let list = try await getJSON(Wire.PolicyVersionList.self, app, "v1/policy/versions", as: keys.dpo)
            #expect(list.versions.map(\.inForce) == [false, true])
        }
    }

    @Test(
        """
        Every subject with an e-mail address is sent the change notice in their \
        language, once, in batches; subjects added before the effective date too
        """
    )
    func changeNotices() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, keys, _ in
            _ = try await Factory.subject(app, keys)
            var english = NewSubject.anna.with(data: [
                "user.contact.email": "john@example.com", "user.name": "John Smith",
            ])
            english.language = "en"
            _ = try await Factory.subject(app, keys, english)
            _ = try await Factory.subject(app, keys, NewSubject.anna.with(data: ["user.name": "No Address"]))
            let effective = Self.today(context).adding(days: 30)
            let published = try decode(
                Wire.PolicyVersion.self,
                try await Self.publish(app, keys, yaml: try Self.nextVersion(), effectiveOn: effective))
            #expect(published.notices.state == "sending" && published.notices.queued == 0)
            func progress() async throws -> Wire.PolicyVersion.Notices {
                try await getJSON(Wire.PolicyVersion.self, app, "v1/policy/versions/\(published.id)", as: keys.dpo)
                    .notices
            }

            // Two subjects per batch: the first run queues one batch and leaves the rest for the next.
            let notices = PolicyChangeNotices(context: context, batchSize: 2)
            #expect(try await notices.sendBatch(on: app.db), "one batch was queued")
            #expect(try await progress().subjectsChecked == 2)
            try await notices.sendAll(on: app.db)
            let firstPass = try await progress()
            #expect(
                firstPass.state == "sending" && firstPass.subjectsChecked == 3 && firstPass.queued == 2,
                "sending goes on until the version takes effect")

            // A subject added before the effective date is told at the next check, a minute on; nobody twice.
            var later = NewSubject.anna.with(data: ["user.contact.email": "later@example.lv", "user.name": "Later"])
            later.language = "lv"
            _ = try await Factory.subject(app, keys, later)
            try await notices.sendAll(on: app.db)
            #expect(try await progress().subjectsChecked == 3, "the next check waits a minute")
            clock.advance(by: 61)
            try await notices.sendAll(on: app.db)
            #expect(try await progress().queued == 3)
            clock.advance(days: 30)
            try await notices.sendAll(on: app.db)
            let done = try await progress()
            #expect(done.state == "done" && done.subjectsChecked == 4 && done.queued == 3 && done.finishedAt != nil)

            let mail = try await SentMail.deliverAndRead(app).filter {
                $0.subject.contains("privā") || $0.subject.contains("privacy")
            }
            #expect(mail.count == 3, "one notice per subject with an address")
            let latvian = try #require(mail.first { $0.to == NewSubject.annasEmail })
            #expect(latvian.subject == "Izmaiņas mūsu privātuma paziņojumā")
            #expect(
                latvian.body.contains("Konkursi un aptaujas: mēs izmantosim arī šādus datus: tālruņa numurs"),
                "\(latvian.body)")
            #expect(latvian.body.contains("/notice/versions/\(published.id)?lang=lv"))
            #expect(
                latvian.body.contains(String(format: "%02d.%02d.%04d", effective.day, effective.month, effective.year)))
            let englishMail = try #require(mail.first { $0.to == "john@example.com" })
            #expect(
                englishMail.body.contains("Contests and surveys: we will also use your telephone number."),
                "\(englishMail.body)")
            #expect(englishMail.body.contains("only if you give your consent again"))
        }
    }

    @Test(
        """
        The notice is public: GET /notice in the language asked \
        for, and every version at /notice/versions/{id}, printable
        """
    )
    func publicNotice() async throws {
        try await withSargs { app, context, keys, _ in
            let latvian = try await app.testing().sendRequest(.GET, "notice")
            #expect(latvian.status == .ok && latvian.headers.first(name: "Content-Language") == "lv")
            #expect(latvian.body.string.contains("<html lang=\"lv\">") && latvian.body.string.contains("@media print"))
            let english = try await app.testing().sendRequest(
                .GET, "notice", headers: ["Accept-Language": "de-DE,en;q=0.8,lv;q=0.5"])
            #expect(english.headers.first(name: "Content-Language") == "en")
            let chosen = try await app.testing().sendRequest(.GET, "notice?lang=en", headers: ["Accept-Language": "lv"])
            #expect(chosen.headers.first(name: "Content-Language") == "en")
            let unknown = try await app.testing().sendRequest(
                .GET, "notice?lang=fr", headers: ["Accept-Language": "fr"])
            #expect(
                unknown.headers.first(name: "Content-Language") == "lv", "the authoritative language when nothing fits")

            let published = try decode(
                Wire.PolicyVersion.self,
                try await Self.publish(
                    app, keys, yaml: try Self.nextVersion(), effectiveOn: Self.today(context).adding(days: 31)))
            let upcoming = try await app.testing().sendRequest(.GET, "notice/versions/\(published.id)?lang=en")
            #expect(upcoming.status == .ok && upcoming.body.string.contains("2027-01"))
            let effective = try NoticeStrings(language: "en").date(Self.today(context).adding(days: 31))
            #expect(
                upcoming.body.string.contains(effective),
                "the notice states the published effective date, not the file's")
            #expect(
                !(try await app.testing().sendRequest(.GET, "notice")).body.string.contains("2027-01"),
                "the current notice is still the old one")
            let missing = try await app.testing().sendRequest(.GET, "notice/versions/\(UUID().uuidString.lowercased())")
            _ = try expectProblem(missing, status: .notFound)
        }
    }

    @Test(
        """
        Starting later with a materially different file is refused with \
        the way to publish it; a wording change starts and is recorded
        """
    )
    func startWithDifferentFile() async throws {
        let directory = TestEnvironment.temporaryDirectory("sargs-versions")
        defer { try? FileManager.default.removeItem(at: directory) }
        let next = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "version: \"2024-01\"", with: "version: \"2027-01\"")
        defer { next.remove() }
        try next.write(try Self.nextVersion())
        let wording = try PolicyVariant(
            "examples/coral-club.yaml", replacing: "Encryption of data in transit and at rest where needed.",
            with: "Encryption of data in transit and at rest.")
        defer { wording.remove() }
        try await withSargs(dataDirectory: directory) { _, _, _, _ in }
        guard PostgresTestDatabases.shared == nil else { return }  // the data directory is the SQLite database
        await #expect {
            try await withSargs(policy: next.path, dataDirectory: directory) { _, _, _, _ in }
        } throws: { error in
            guard let error = error as? ConfigurationError, case .policyInvalid(let message) = error else {
                return false
            }
            return message.contains("sargs policy publish") && message.contains("contests-and-surveys")
        }
        try await withSargs(policy: wording.path, dataDirectory: directory) { app, _, keys, _ in
            let list = try await getJSON(Wire.PolicyVersionList.self, app, "v1/policy/versions", as: keys.admin)
            #expect(
                list.versions.count == 2 && list.versions.map(\.material) == [false, false]
                    && list.versions.last?.inForce == true)
        }
    }

    @Test(
        "Two servers on one database: a version published through one is served by the other from its effective moment")
    func twoInstances() async throws {
        let clock = ManualClock.testing()
        try await withSargs(clock: clock) { app, context, keys, _ in
            let configuration = try #require(app.sargsConfiguration)
            let (other, otherContext) = try await ServerBootstrap.makeApplication(
                configuration, environment: .testing, clock: .manual(clock))
            do {
                let published = try await Self.publish(
                    app, keys, yaml: try Self.nextVersion(), effectiveOn: Self.today(context).adding(days: 30))
                #expect(published.status == .created)
                try await #require(other.backgroundJobs).runOnce(on: other.db)
                #expect(otherContext.rules.policy.policy.version == "2024-01")
                clock.advance(days: 30)
                #expect(
                    otherContext.rules.policy.policy.version == "2027-01"
                        && context.rules.policy.policy.version == "2027-01")
            } catch {
                try? await other.asyncShutdown()
                throw error
            }
            try await other.asyncShutdown()
        }
    }
}
