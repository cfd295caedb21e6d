import Foundation
import Testing
@testable import SargsCore

/// Transfers checked when data is disclosed (GDPR Chapter V).
@Suite("Transfers at disclosure")
struct TransferCheckTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30

    func recipient(_ countries: [String], _ safeguard: Transfer.Safeguard?, consentPurpose: String? = nil) -> Recipient
    {
        Recipient(
            id: "partner", name: LocalizedText(["en": "Partner"]), role: .processor, purposes: ["services"],
            categories: [],
            countries: countries,
            transfer: safeguard.map {
                Transfer(safeguard: $0, reference: nil, copyAvailableAt: nil, consentPurpose: consentPurpose)
            })
    }

    @Test(
        """
        Art. 45: adequacy only for countries with a decision in force on the \
        day (the UK's runs to 27 December 2031; Brazil's from 26 January 2026)
        """
    )
    func adequacy() throws {
        let check = TransferCheck(policy: try TestFiles.validPolicy("examples/coral-club.yaml"))
        try check.check(recipient(["CH", "JP", "GB"], .adequacyDecision), subject: SubjectState(), at: now)
        #expect(throws: TransferCheck.Refusal.self) {
            try check.check(recipient(["CH", "IN"], .adequacyDecision), subject: SubjectState(), at: now)
        }
        #expect(AdequacyDecisions.decision(for: "GB", on: CivilDate(iso: "2032-01-01")!) == nil)
        #expect(AdequacyDecisions.decision(for: "BR", on: CivilDate(iso: "2025-12-31")!) == nil)
        #expect(AdequacyDecisions.decision(for: "BR", on: CivilDate(iso: "2026-01-26")!) != nil)
        // Inside the EEA nothing is checked; standard contractual clauses bind the recipient (Art. 46(2)(c)).
        try check.check(recipient(["LV", "DE"], nil), subject: SubjectState(), at: now)
        try check.check(recipient(["IN"], .standardContractualClauses), subject: SubjectState(), at: now)
        #expect(throws: TransferCheck.Refusal.self) {
            try check.check(recipient(["IN"], nil), subject: SubjectState(), at: now)
        }
    }

    @Test(
        """
        Art. 49(1)(a): a transfer on written consent needs that \
        consent live in the ledger; withdrawn, it is refused again
        """
    )
    func writtenConsent() throws {
        let check = TransferCheck(policy: try TestFiles.validPolicy("examples/coral-club.yaml"))
        let partner = recipient(["US"], .writtenConsent, consentPurpose: "transfer-outside-eea")
        var subject = SubjectState()
        do {
            try check.check(partner, subject: subject, at: now)
            Issue.record("a transfer without consent was allowed")
        } catch {
            #expect(error.description.contains("Art. 49(1)(a)") && error.description.contains("written consent"))
        }
        subject.consents = [
            ConsentEvent(purpose: "transfer-outside-eea", state: .given, at: now.addingTimeInterval(-60))
        ]
        try check.check(partner, subject: subject, at: now)
        subject.consents.append(
            ConsentEvent(purpose: "transfer-outside-eea", state: .withdrawn, at: now.addingTimeInterval(-30)))
        #expect(throws: TransferCheck.Refusal.self) { try check.check(partner, subject: subject, at: now) }
    }

    @Test(
        """
        Art. 49(1)(b): a transfer for a contract needs the contract in force (Coral \
        Travel Latvia's tour operators in Türkiye and Egypt, seed 004 l.371)
        """
    )
    func contract() throws {
        let policy = try TestFiles.validPolicy("examples/coral-travel/latvia.yaml")
        let check = TransferCheck(policy: policy)
        let providers = try #require(
            policy.recipients.first { $0.countries.contains("EG") && $0.transfer?.safeguard == .contractPerformance })
        #expect(throws: TransferCheck.Refusal.self) { try check.check(providers, subject: SubjectState(), at: now) }
        let trip = SubjectState(relationships: [Relationship(kind: "trip", start: now.addingTimeInterval(-86_400))])
        try check.check(providers, subject: trip, at: now)
    }

    @Test(
        """
        The policy check: an adequacy safeguard for a country without a \
        decision is warned about; a consent safeguard must name a consent purpose
        """
    )
    func policyCheck() throws {
        let missing = try TestFiles.variant([
            ("    countries: [LV]\n", "    countries: [LV, IN]\n    transfer:\n      safeguard: adequacy_decision\n")
        ])
        #expect(missing.diagnostics.contains { $0.message.contains("no adequacy decision for IN") })
        let unnamed = try TestFiles.variant([
            ("    countries: [LV]\n", "    countries: [LV, US]\n    transfer:\n      safeguard: written_consent\n")
        ])
        #expect(!unnamed.isValid && unnamed.diagnostics.contains { $0.path.hasSuffix("transfer.consent_purpose") })
    }
}
