import Foundation
import Testing
@testable import SargsCore

/// One test per decision rule, each naming the provision it encodes.
@Suite("Decision engine")
struct DecisionEngineTests {
    let engine: DecisionEngine
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    init() throws {
        engine = DecisionEngine(policy: try TestFiles.validPolicy("Tests/SargsCoreTests/Fixtures/decisions.yaml"))
    }

    func at(_ days: Double) -> Date { t0.addingTimeInterval(days * 86_400) }

    @Test("Art. 6(1)(a): a consent purpose needs a live consent for that purpose")
    func consentNeeded() throws {
        let none = try engine.decide(SubjectState(), purpose: "newsletter", channel: .email, at: at(1))
        #expect(!none.allowed && none.reason == .consentMissing && none.categories.isEmpty)
        let given = SubjectState(consents: [ConsentEvent(purpose: "newsletter", state: .given, at: at(0))])
        let decision = try engine.decide(given, purpose: "newsletter", channel: .email, at: at(1))
        #expect(decision.allowed && decision.reason == .consentGiven && decision.legalBasis == .consent)
        #expect(decision.categories == ["user.contact.email", "user.contact.phone_number"])
    }

    @Test("Art. 6(1)(a), 7: consent is per channel; consent to e-mail is not consent to SMS")
    func consentPerChannel() throws {
        let subject = SubjectState(consents: [
            ConsentEvent(purpose: "newsletter", channel: .email, state: .given, at: at(0))
        ])
        #expect(try engine.decide(subject, purpose: "newsletter", channel: .email, at: at(1)).allowed)
        #expect(try !engine.decide(subject, purpose: "newsletter", channel: .sms, at: at(1)).allowed)
        // A use without a channel needs consent to the whole purpose.
        #expect(try !engine.decide(subject, purpose: "newsletter", at: at(1)).allowed)
    }

    @Test("Art. 7(3): withdrawal takes effect at once, for one channel or for the whole purpose")
    func withdrawal() throws {
        var subject = SubjectState(consents: [
            ConsentEvent(purpose: "newsletter", state: .given, at: at(0)),
            ConsentEvent(purpose: "newsletter", channel: .sms, state: .withdrawn, at: at(2)),
        ])
        #expect(try engine.decide(subject, purpose: "newsletter", channel: .sms, at: at(1)).allowed)
        let sms = try engine.decide(subject, purpose: "newsletter", channel: .sms, at: at(2))
        #expect(!sms.allowed && sms.reason == .consentWithdrawn)
        #expect(try engine.decide(subject, purpose: "newsletter", channel: .email, at: at(2)).allowed)
        subject.consents.append(ConsentEvent(purpose: "newsletter", state: .withdrawn, at: at(3)))
        #expect(try !engine.decide(subject, purpose: "newsletter", channel: .email, at: at(3)).allowed)
    }

    @Test("Art. 6(1)(b): a contract purpose needs an active relationship")
    func contract() throws {
        let none = try engine.decide(SubjectState(), purpose: "orders", at: at(1))
        #expect(!none.allowed && none.reason == .noActiveContract)
        let subject = SubjectState(relationships: [Relationship(kind: "customer", start: at(0), end: at(10))])
        #expect(try engine.decide(subject, purpose: "orders", at: at(5)).reason == .contractActive)
        #expect(try !engine.decide(subject, purpose: "orders", at: at(10)).allowed)
    }

    @Test("Art. 6(1)(f), 21(1): a legitimate-interest purpose stops on objection")
    func legitimateInterestObjection() throws {
        #expect(try engine.decide(SubjectState(), purpose: "analytics", at: at(1)).reason == .legitimateInterest)
        let objected = SubjectState(objections: [Objection(purpose: "analytics", since: at(2))])
        #expect(try engine.decide(objected, purpose: "analytics", at: at(1)).allowed)
        let after = try engine.decide(objected, purpose: "analytics", at: at(2))
        #expect(!after.allowed && after.reason == .objection)
        let general = SubjectState(objections: [Objection(since: at(0))])
        #expect(try !engine.decide(general, purpose: "analytics", at: at(1)).allowed)
    }

    @Test("Art. 21(2)-(3): an objection to direct marketing is absolute and overrides a live consent")
    func directMarketingObjection() throws {
        let subject = SubjectState(
            consents: [ConsentEvent(purpose: "newsletter", state: .given, at: at(0))],
            objections: [Objection(directMarketing: true, since: at(1))])
        let consented = try engine.decide(subject, purpose: "newsletter", channel: .email, at: at(2))
        #expect(!consented.allowed && consented.reason == .directMarketingObjection)
        let interest = try engine.decide(subject, purpose: "catalogue-mail", channel: .post, at: at(2))
        #expect(!interest.allowed && interest.reason == .directMarketingObjection)
        // It does not touch non-marketing processing.
        #expect(try engine.decide(subject, purpose: "analytics", at: at(2)).allowed)
    }

    @Test("Art. 18(2): a restriction allows only storage and legal claims")
    func restriction() throws {
        let subject = SubjectState(
            consents: [ConsentEvent(purpose: "newsletter", state: .given, at: at(0))],
            relationships: [Relationship(kind: "customer", start: at(0))],
            restrictions: [Restriction(since: at(1), liftedAt: at(5))])
        for purpose in ["orders", "analytics", "accounting"] {
            let decision = try engine.decide(subject, purpose: purpose, at: at(2))
            #expect(!decision.allowed && decision.reason == .restricted, "\(purpose)")
        }
        #expect(try !engine.decide(subject, purpose: "newsletter", channel: .email, at: at(2)).allowed)
        let claims = try engine.decide(subject, purpose: "claims", at: at(2))
        #expect(claims.allowed && claims.reason == .restrictedLegalClaims)
        // Lifting the restriction is its own act; afterwards processing resumes.
        #expect(try engine.decide(subject, purpose: "orders", at: at(5)).allowed)
    }

    @Test("Art. 18(2): consent given after the restriction began allows that purpose")
    func restrictionWithFreshConsent() throws {
        let subject = SubjectState(
            consents: [ConsentEvent(purpose: "newsletter", state: .given, at: at(2))],
            restrictions: [Restriction(purpose: "newsletter", since: at(1))])
        #expect(try engine.decide(subject, purpose: "newsletter", channel: .email, at: at(3)).allowed)
    }

    @Test("Art. 8(1) and the policy's minimum age: subjects under it get no consent purposes")
    func minimumAge() throws {
        let child = SubjectState(
            birthDate: CivilDate(iso: "2012-06-01")!,
            consents: [ConsentEvent(purpose: "newsletter", state: .given, at: at(0))],
            relationships: [Relationship(kind: "customer", start: at(0))])
        let consent = try engine.decide(child, purpose: "newsletter", channel: .email, at: at(1))
        #expect(!consent.allowed && consent.reason == .underMinimumAge)
        #expect(try engine.decide(child, purpose: "orders", at: at(1)).allowed)
        var adult = child
        adult.birthDate = CivilDate(iso: "2010-01-01")!  // 16 on 2026-01-01
        #expect(try engine.decide(adult, purpose: "newsletter", channel: .email, at: at(1)).allowed)
    }

    @Test(
        """
        Art. 8(1): below the age, only consent given by a holder of parental \
        responsibility counts; a later withdrawal by the child still stops it
        """
    )
    func parentalConsent() throws {
        var child = SubjectState(
            birthDate: CivilDate(iso: "2012-06-01")!,
            consents: [ConsentEvent(purpose: "newsletter", state: .given, at: at(0), byParentalAuthority: true)])
        #expect(try engine.decide(child, purpose: "newsletter", channel: .email, at: at(1)).allowed)
        child.consents.append(ConsentEvent(purpose: "newsletter", state: .given, at: at(2)))
        // The child's own later consent does not stand in for the parent's.
        #expect(try engine.decide(child, purpose: "newsletter", channel: .email, at: at(3)).reason == .underMinimumAge)
        child.consents.append(ConsentEvent(purpose: "newsletter", state: .withdrawn, at: at(4)))
        #expect(!(try engine.decide(child, purpose: "newsletter", channel: .email, at: at(5)).allowed))
    }

    @Test("Art. 6(1)(c): a legal obligation needs no consent and survives objection")
    func legalObligation() throws {
        let subject = SubjectState(objections: [Objection(since: at(0))])
        #expect(try engine.decide(subject, purpose: "accounting", at: at(1)).reason == .legalObligation)
    }

    @Test("Art. 17: an erased subject is denied everything")
    func erased() throws {
        let decision = try engine.decide(SubjectState(status: .erased), purpose: "accounting", at: at(1))
        #expect(!decision.allowed && decision.reason == .erased)
    }

    @Test("Art. 5(1)(b): only the purpose's categories are released")
    func purposeLimitation() throws {
        let subject = SubjectState(relationships: [Relationship(kind: "customer", start: at(0))])
        let narrowed = try engine.decide(
            subject, purpose: "orders", categories: ["user.contact.email", "user.behavior.purchase_history"], at: at(1))
        #expect(narrowed.allowed && narrowed.categories == ["user.contact.email"])
        let outside = try engine.decide(
            subject, purpose: "orders", categories: ["user.behavior.purchase_history"], at: at(1))
        #expect(!outside.allowed && outside.reason == .categoriesOutsidePurpose)
    }

    @Test("An unknown purpose, channel or category is an error, not a denial")
    func unknownsAreErrors() {
        #expect(throws: DecisionError.unknownPurpose("loyalty")) {
            try engine.decide(SubjectState(), purpose: "loyalty", at: at(1))
        }
        #expect(throws: DecisionError.channelNotOfPurpose(purpose: "newsletter", channel: .post)) {
            try engine.decide(SubjectState(), purpose: "newsletter", channel: .post, at: at(1))
        }
        #expect(throws: DecisionError.unknownCategory("user.secret")) {
            try engine.decide(SubjectState(), purpose: "orders", categories: ["user.secret"], at: at(1))
        }
    }
}

@Suite("Consent ledger")
struct ConsentLedgerTests {
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    @Test("Art. 7(3): a purpose-wide event supersedes earlier channel events; a later channel event stands beside it")
    func currentState() {
        let events = [
            ConsentEvent(purpose: "news", channel: .sms, state: .given, at: t0),
            ConsentEvent(purpose: "news", channel: .email, state: .given, at: t0.addingTimeInterval(1)),
            ConsentEvent(purpose: "news", state: .withdrawn, at: t0.addingTimeInterval(2)),
            ConsentEvent(purpose: "news", channel: .email, state: .given, at: t0.addingTimeInterval(3)),
            ConsentEvent(purpose: "ads", state: .given, at: t0),
        ]
        let current = ConsentLedger.current(events.reversed())
        #expect(
            current.map { "\($0.purpose)|\($0.channel?.rawValue ?? "*")|\($0.state.rawValue)" }
                == ["ads|*|given", "news|*|withdrawn", "news|email|given"])
        #expect(
            ConsentLedger.latest(in: events, purpose: "news", channel: .email, at: t0.addingTimeInterval(3))?.state
                == .given)
        #expect(
            ConsentLedger.latest(in: events, purpose: "news", channel: .sms, at: t0.addingTimeInterval(3))?.state
                == .withdrawn)
        #expect(
            ConsentLedger.latest(in: events, purpose: "news", channel: nil, at: t0.addingTimeInterval(3))?.state
                == .withdrawn)
    }
}
