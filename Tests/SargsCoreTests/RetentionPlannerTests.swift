import Foundation
import Testing
@testable import SargsCore

/// Storage limitation (GDPR Art. 5(1)(e)): each rule kind, on the seed examples' own rules.
@Suite("Retention planner")
struct RetentionPlannerTests {
    let clubmium: RetentionPlanner
    let coralTravel: RetentionPlanner
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    init() throws {
        clubmium = RetentionPlanner(policy: try TestFiles.validPolicy("examples/clubmium.yaml"))
        coralTravel = RetentionPlanner(policy: try TestFiles.validPolicy("examples/coral-travel/latvia.yaml"))
    }

    func at(_ days: Double) -> Date { t0.addingTimeInterval(days * 86_400) }
    func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    func items(_ categories: String..., for purpose: String, at time: Date? = nil) -> [RetentionFacts.Item] {
        categories.map { .init(category: $0, collectedAt: time ?? t0, collectedFor: purpose) }
    }

    func verdict(_ plan: RetentionPlan, _ category: String) throws -> RetentionVerdict {
        try #require(plan.verdicts.first { $0.category == category })
    }

    @Test("Art. 5(1)(e), from_collection: an enquiry is kept six months from collection, then deleted")
    func fromCollection() throws {
        // Collected for an enquiry; the services (no contract) and advertising (no consent) purposes do not apply.
        let facts = RetentionFacts(items: items("user.contact.email", for: "enquiries"))
        let early = try verdict(clubmium.plan(facts, at: at(30)), "user.contact.email")
        #expect(
            early.keptUntil == day("2026-07-01") && early.rule == "enquiry" && early.action == .delete && !early.due)
        let late = try verdict(clubmium.plan(facts, at: at(182)), "user.contact.email")
        #expect(late.due && late.keptUntil == day("2026-07-01"))
    }

    @Test(
        """
        Art. 5(1)(e), end_of_relationship: open while the contract runs, \
        then three years; with nothing kept longer, deleted (Clubmium)
        """
    )
    func endOfRelationship() throws {
        let running = RetentionFacts(
            items: items("user.contact.address", for: "services"),
            relationships: [Relationship(kind: "customer", start: t0)])
        let open = try verdict(clubmium.plan(running, at: at(900)), "user.contact.address")
        #expect(open.keptUntil == nil && open.rule == "while-customer" && !open.due)
        let ended = RetentionFacts(
            items: items("user.contact.address", for: "services"),
            relationships: [Relationship(kind: "customer", start: t0, end: at(45))])
        let kept = try verdict(clubmium.plan(ended, at: at(400)), "user.contact.address")
        #expect(kept.keptUntil == day("2029-02-15") && kept.action == .delete && !kept.due)
        // The rule archives, but no other purpose keeps the address longer: an archive with nothing
        // to keep it for would be storage without a purpose, so it is deleted.
        let due = try verdict(clubmium.plan(ended, at: at(45 + 365 * 3 + 2)), "user.contact.address")
        #expect(due.due && due.action == .delete && due.archiveFor.isEmpty)
        // A contract that starts later keeps nothing open yet: the period counts from collection.
        let planned = RetentionFacts(
            items: items("user.contact.address", for: "services"),
            relationships: [Relationship(kind: "customer", start: at(5_000))])
        #expect(try verdict(clubmium.plan(planned, at: at(30)), "user.contact.address").keptUntil == day("2029-01-01"))
    }

    @Test(
        """
        Art. 5(1)(e): Clubmium archives what another purpose must keep \
        longer — readable for that purpose only, deleted when it ends
        """
    )
    func archiveWhileAnotherPurposeKeeps() throws {
        // A former customer who still receives advertising: after the three years of while-customer
        // (action archive), advertising still keeps the e-mail address; the address is kept by nothing.
        let consent = ConsentEvent(purpose: "advertising", channel: .email, state: .given, at: t0)
        let facts = RetentionFacts(
            items: items("user.contact.email", "user.contact.address", for: "services"),
            relationships: [Relationship(kind: "customer", start: t0, end: at(45))], consents: [consent])
        let later = at(45 + 365 * 3 + 2)
        let email = try verdict(clubmium.plan(facts, at: later), "user.contact.email")
        #expect(
            email.due && email.action == .archive && email.archiveFor == ["advertising"]
                && email.rule == "while-customer")
        #expect(email.keptUntil == nil)
        #expect(try verdict(clubmium.plan(facts, at: later), "user.contact.address").action == .delete)
        // Once archived for the same purposes, nothing more is due.
        var archived = facts
        archived.items = archived.items.map {
            var item = $0; item.archivedFor = ["advertising"]; return item
        }
        #expect(try !verdict(clubmium.plan(archived, at: later), "user.contact.email").due)
        // A new contract: the ground that ended runs again, and the archive is lifted.
        var returning = archived
        returning.relationships.append(Relationship(kind: "customer", start: later))
        let live = try verdict(clubmium.plan(returning, at: later.addingTimeInterval(86_400)), "user.contact.email")
        #expect(live.unarchive && !live.due && live.keptUntil == nil)
        #expect(try !verdict(clubmium.plan(archived, at: later), "user.contact.email").unarchive)
        // Consent withdrawn: the archive has nothing left to keep the address for, and it is deleted.
        archived.consents.append(ConsentEvent(purpose: "advertising", channel: .email, state: .withdrawn, at: later))
        let gone = try verdict(clubmium.plan(archived, at: later.addingTimeInterval(2 * 86_400)), "user.contact.email")
        #expect(gone.due && gone.action == .delete)
    }

    @Test(
        """
        Art. 7(3), 17(1)(b), until_consent_withdrawn with a maximum: \
        statistics kept 14 months after consent, then anonymised
        """
    )
    func consentWithMaximumAnonymises() throws {
        let given = ConsentEvent(purpose: "visit-statistics", state: .given, at: at(10))
        let facts = RetentionFacts(items: items("user.device.ip_address", for: "visit-statistics"), consents: [given])
        let live = try verdict(clubmium.plan(facts, at: at(100)), "user.device.ip_address")
        // Advertising also uses the IP address but was never consented to: it is no ground.
        #expect(
            live.keptUntil == day("2027-03-11") && live.rule == "statistics" && live.action == .anonymise && !live.due)
        #expect(try verdict(clubmium.plan(facts, at: at(10 + 14 * 31)), "user.device.ip_address").due)
        // Withdrawn, the ground ends that day.
        let withdrawn = RetentionFacts(
            items: items("user.device.ip_address", for: "visit-statistics"),
            consents: [given, ConsentEvent(purpose: "visit-statistics", state: .withdrawn, at: at(20))])
        let ended = try verdict(clubmium.plan(withdrawn, at: at(22)), "user.device.ip_address")
        #expect(ended.keptUntil == day("2026-01-21") && ended.due)
    }

    @Test("Art. 7(3), until_consent_withdrawn without a maximum: kept while consent is in force on some channel")
    func consentOpenEnded() throws {
        let facts = RetentionFacts(
            items: items("user.device.device_id", for: "advertising"),
            consents: [ConsentEvent(purpose: "advertising", channel: .email, state: .given, at: at(1))])
        let live = try verdict(clubmium.plan(facts, at: at(2_000)), "user.device.device_id")
        #expect(live.keptUntil == nil && live.rule == "until-consent-withdrawn" && !live.due)
        let never = try verdict(
            clubmium.plan(RetentionFacts(items: items("user.device.device_id", for: "advertising")), at: at(2)),
            "user.device.device_id")
        #expect(never.keptUntil == day("2026-01-01") && never.due)
    }

    @Test("Art. 21, 17(1)(c), until_objection: ends at the objection, or at the maximum period (Coral Travel: 2 years)")
    func untilObjection() throws {
        let policy = coralTravel.policy
        let purpose = try #require(policy.purposes.first { $0.retention == "until-objection-max-2y" })
        let category = try #require(purpose.categories.first)
        let plain = try verdict(
            coralTravel.plan(RetentionFacts(items: items(category, for: purpose.id)), at: at(30)), category)
        #expect(plain.keptUntil == day("2028-01-01") && !plain.due)
        let objected = RetentionFacts(
            items: items(category, for: purpose.id), objections: [Objection(purpose: purpose.id, since: at(40))])
        let ended = try verdict(coralTravel.plan(objected, at: at(41)), category)
        #expect(ended.keptUntil == day("2026-02-10") && ended.due)
    }

    @Test(
        """
        Art. 17(3)(b), legal_obligation from the end of the financial \
        year: accounting records kept 5 years after 31 December, archived
        """
    )
    func accountingFromYearEnd() throws {
        // Collected in March 2026: the year ends 2026-12-31, the period 2031-12-31.
        let march = at(70)
        let facts = RetentionFacts(
            items: items("user.name.last", for: "accounting", at: march),
            relationships: [Relationship(kind: "trip", start: march, end: at(80))])
        let plan = coralTravel.plan(facts, at: at(400))
        let kept = try verdict(plan, "user.name.last")
        #expect(kept.keptUntil.map { $0 >= day("2031-12-31") } == true)
        let accounting = coralTravel.lastDay(
            under: try #require(coralTravel.policy.retentionRule("accounting-records")),
            purpose: try #require(coralTravel.policy.purpose("accounting")),
            collected: DecisionEngine.civilDate(march), facts: facts, now: at(400))
        #expect(accounting == day("2031-12-31"))
    }

    @Test("Art. 5(1)(e): a category stays while any purpose justifies it; the longest rule decides the action")
    func longestGroundWins() throws {
        // Collected for an enquiry (6 months); the person then became a customer (open while the contract runs).
        let facts = RetentionFacts(
            items: items("user.contact.email", for: "enquiries"),
            relationships: [Relationship(kind: "customer", start: at(20))])
        let kept = try verdict(clubmium.plan(facts, at: at(400)), "user.contact.email")
        #expect(kept.rule == "while-customer" && kept.keptUntil == nil && !kept.due)
    }

    @Test("Art. 17(3)(e): an active legal hold suspends every action; released, the action is due")
    func holdSuspends() throws {
        let hold = LegalHold(reason: "court case", categories: nil, until: day("2027-06-30"))
        let facts = RetentionFacts(items: items("user.contact.email", for: "enquiries"), holds: [hold])
        let held = try verdict(clubmium.plan(facts, at: at(300)), "user.contact.email")
        #expect(held.held && !held.due && held.keptUntil == day("2026-07-01"))
        let after = try verdict(clubmium.plan(facts, at: at(600)), "user.contact.email")
        #expect(!after.held && after.due)
    }

    @Test("Everything due for removal lets the subject be crypto-shredded; a category still kept does not")
    func removesEverything() {
        let enquiry = RetentionFacts(items: items("user.contact.email", "user.name", for: "enquiries"))
        #expect(clubmium.plan(enquiry, at: at(200)).removesEverything)
        // The statistics consent (14 months) still keeps the IP address after the enquiry's six months.
        let statistics = RetentionFacts(
            items: items("user.contact.email", for: "enquiries")
                + items("user.device.ip_address", for: "visit-statistics"),
            consents: [ConsentEvent(purpose: "visit-statistics", state: .given, at: t0)])
        #expect(!clubmium.plan(statistics, at: at(200)).removesEverything)
        // Both ended: the e-mail address is deleted and the IP address anonymised; nothing is left.
        #expect(clubmium.plan(statistics, at: at(500)).removesEverything)
    }
}

/// A consent lasts no longer than its rule's maximum period (EDPB Guidelines 05/2020 §110-111:
/// refresh consent at appropriate intervals; Clubmium's statistics: 14 months).
@Suite("Consent expiry")
struct ConsentExpiryTests {
    let engine: DecisionEngine
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    init() throws {
        engine = DecisionEngine(policy: try TestFiles.validPolicy("examples/clubmium.yaml"))
    }

    @Test(
        """
        Art. 7(1), 5(1)(e): a statistics consent is allowed for 14 \
        months, then answers consent_expired until given again
        """
    )
    func statisticsConsentExpires() throws {
        var subject = SubjectState()
        subject.consents = [ConsentEvent(purpose: "visit-statistics", state: .given, at: t0)]
        let expiry = try #require(engine.consentExpiry(purpose: "visit-statistics", givenAt: t0))
        #expect(DecisionEngine.civilDate(expiry) == CivilDate(iso: "2027-03-02"))
        #expect(
            try engine.decide(subject, purpose: "visit-statistics", at: expiry.addingTimeInterval(-1)).reason
                == .consentGiven)
        let expired = try engine.decide(subject, purpose: "visit-statistics", at: expiry)
        #expect(!expired.allowed && expired.reason == .consentExpired)
        subject.consents.append(
            ConsentEvent(purpose: "visit-statistics", state: .given, at: expiry.addingTimeInterval(60)))
        #expect(
            try engine.decide(subject, purpose: "visit-statistics", at: expiry.addingTimeInterval(120)).reason
                == .consentGiven)
    }

    @Test("A consent rule without a maximum never expires")
    func openEndedConsent() throws {
        #expect(engine.consentExpiry(purpose: "advertising", givenAt: t0) == nil)
        #expect(engine.consentExpiry(purpose: "services", givenAt: t0) == nil)
    }
}
