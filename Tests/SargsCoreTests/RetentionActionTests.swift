import Foundation
import Testing
@testable import SargsCore

/// What retention's actions mean for decisions and for what survives: archive (readable only for
/// the purposes still keeping the values) and anonymise (a closed list of non-identifying facts).
@Suite("Retention actions")
struct RetentionActionTests {
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// Coral Club with the customer relationship archiving instead of deleting, so that after its
    /// three years the accounting duty (authority-requests, five years after the financial year) keeps the name.
    func coralClubArchiving() throws -> Policy {
        var text = try TestFiles.read("examples/coral-club.yaml")
        let rule = "  - id: customer-relationship\n    kind: end_of_relationship\n    period: P3Y\n"
        #expect(text.contains(rule))
        text = text.replacingOccurrences(of: rule, with: rule + "    action: archive\n")
        let outcome = PolicyChecker.check(yaml: text, file: "coral-club-archiving.yaml")
        return try #require(outcome.policy)
    }

    @Test(
        """
        Art. 5(1)(e), 17(3)(b): after the relationship period, archived \
        values serve the accounting duty and no longer marketing
        """
    )
    func archivedForAccounting() throws {
        let policy = try coralClubArchiving()
        let planner = RetentionPlanner(policy: policy)
        let ended = t0.addingTimeInterval(30 * 86_400)
        let facts = RetentionFacts(
            items: [.init(category: "user.name", collectedAt: t0, collectedFor: "services")],
            relationships: [Relationship(kind: "member", start: t0, end: ended)])
        // Three years after the end the relationship ground is over; the accounting duty runs to 2031-12-31.
        let later = ended.addingTimeInterval(3 * 366 * 86_400)
        let verdict = try #require(planner.plan(facts, at: later).verdicts.first)
        #expect(verdict.action == .archive && verdict.due && verdict.archiveFor == ["authority-requests"])
        #expect(verdict.keptUntil == CivilDate(iso: "2031-12-31"))

        let engine = DecisionEngine(policy: policy)
        var subject = SubjectState(relationships: facts.relationships)
        subject.consents = [ConsentEvent(purpose: "marketing", channel: .email, state: .given, at: t0)]
        subject.stored = ["user.name": Set(verdict.archiveFor)]
        let accounting = try engine.decide(subject, purpose: "authority-requests", at: later)
        #expect(accounting.allowed && accounting.categories.contains("user.name"))
        // Marketing would use the name, the e-mail address and the phone number; only the archived name is held.
        let marketing = try engine.decide(subject, purpose: "marketing", channel: .email, at: later)
        #expect(!marketing.allowed && marketing.reason == .archived)
        // With a live e-mail address marketing goes on, without the archived name.
        subject.stored["user.contact.email"] = .some(Set<String>?.none)
        let live = try engine.decide(subject, purpose: "marketing", channel: .email, at: later)
        #expect(
            live.allowed && live.categories.contains("user.contact.email") && !live.categories.contains("user.name"))
        // The channel's own address archived: no e-mail, even with the name live.
        subject.stored = ["user.name": Set<String>?.none, "user.contact.email": ["authority-requests"]]
        let noAddress = try engine.decide(subject, purpose: "marketing", channel: .email, at: later)
        #expect(!noAddress.allowed && noAddress.reason == .archived)
    }

    @Test("Art. 5(1)(e): before archiving, nothing changes for any purpose")
    func liveValuesUnaffected() throws {
        let engine = DecisionEngine(policy: try coralClubArchiving())
        var subject = SubjectState(consents: [
            ConsentEvent(purpose: "marketing", channel: .email, state: .given, at: t0)
        ])
        subject.stored = ["user.name": Set<String>?.none, "user.contact.email": Set<String>?.none]
        let decision = try engine.decide(subject, purpose: "marketing", channel: .email, at: t0.addingTimeInterval(60))
        #expect(decision.allowed && decision.categories.contains("user.name"))
    }

    @Test("Recital 26: anonymisation keeps only the declared coarse facts, derived from the values")
    func anonymousFacts() {
        let source = AnonymousFact.Source(
            values: ["user.demographic.date_of_birth": "1990-04-01", "user.contact.address.country": "ee"],
            country: "LV", language: "lv", collectedAt: t0)
        let today = CivilDate(iso: "2026-12-02")!
        let all = AnonymousFact.derive(AnonymousFact.allCases, from: source, today: today)
        #expect(
            all == [
                "year_of_birth": "1990", "age_band": "30-39", "country": "EE", "language": "lv",
                "collected_year": "2026",
            ])
        // Only what the rule names survives; a fact without a source is left out.
        let some = AnonymousFact.derive(
            [.country, .yearOfBirth],
            from: .init(values: [:], country: "LV", language: "lv", collectedAt: t0), today: today)
        #expect(some == ["country": "LV"])
    }

    @Test(
        """
        Recital 26: keep accepts only the closed list of non-identifying \
        facts — a category such as an e-mail address is refused
        """
    )
    func keepRefusesIdentifiers() throws {
        let refused = try TestFiles.variant([
            ("    period: P3Y\n", "    period: P3Y\n    action: anonymise\n    keep: [country, user.contact.email]\n")
        ])
        #expect(!refused.isValid)
        #expect(
            refused.diagnostics.contains {
                $0.path.hasPrefix("retention_rules[0].keep") && $0.message.contains("user.contact.email")
            })
        let accepted = try TestFiles.variant([
            ("    period: P3Y\n", "    period: P3Y\n    action: anonymise\n    keep: [country, year_of_birth]\n")
        ])
        #expect(accepted.isValid)
        #expect(accepted.policy?.retentionRules.first?.keep == [.country, .yearOfBirth])
        // keep on a rule that deletes is pointless: a warning names it.
        let pointless = try TestFiles.variant([("    period: P3Y\n", "    period: P3Y\n    keep: [country]\n")])
        #expect(pointless.diagnostics.contains { $0.code == .doubtfulPractice && $0.path == "retention_rules[0].keep" })
    }
}

/// Asking for renewal before a consent lapses (EDPB Guidelines 05/2020 §110-111).
@Suite("Consent renewal")
struct ConsentRenewalTests {
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test(
        """
        EDPB 05/2020 §110-111: a statistics consent (14 months) is due for renewal \
        in its last 30 days, not before, not after it lapsed, not once withdrawn
        """
    )
    func renewalWindow() throws {
        let engine = DecisionEngine(policy: try TestFiles.validPolicy("examples/clubmium.yaml"))
        let given = ConsentEvent(purpose: "visit-statistics", state: .given, at: t0)
        let expiry = try #require(engine.consentExpiry(purpose: "visit-statistics", givenAt: t0))
        #expect(engine.renewalsDue([given], within: 30, at: expiry.addingTimeInterval(-31 * 86_400)).isEmpty)
        let due = engine.renewalsDue([given], within: 30, at: expiry.addingTimeInterval(-29 * 86_400))
        #expect(due == [ConsentRenewalDue(purpose: "visit-statistics", givenAt: t0, expiresAt: expiry)])
        #expect(engine.renewalsDue([given], within: 30, at: expiry).isEmpty)
        let withdrawn = ConsentEvent(purpose: "visit-statistics", state: .withdrawn, at: t0.addingTimeInterval(86_400))
        #expect(engine.renewalsDue([given, withdrawn], within: 30, at: expiry.addingTimeInterval(-86_400)).isEmpty)
        // A consent without a maximum period never needs renewing.
        let advertising = ConsentEvent(purpose: "advertising", channel: .email, state: .given, at: t0)
        #expect(engine.renewalsDue([advertising], within: 90, at: t0.addingTimeInterval(400 * 86_400)).isEmpty)
    }
}
