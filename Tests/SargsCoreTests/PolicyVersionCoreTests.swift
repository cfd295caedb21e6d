import Foundation
import Testing
@testable import SargsCore

/// Policy versions: which consents a new version no longer honours (GDPR Art. 4(11), 7(1); EDPB
/// Guidelines 05/2020 §110), the change notice in plain words (Art. 12(1), 13(3)) and the language
/// of the public notice.
@Suite("Policy versions")
struct PolicyVersionCoreTests {
    static func coralClub(_ replacements: [(String, String)] = []) throws -> Policy {
        var text = try TestFiles.read("examples/coral-club.yaml")
        for (old, new) in replacements {
            #expect(text.contains(old), "the example no longer contains \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let outcome = PolicyChecker.check(yaml: text, file: "variant")
        return try #require(outcome.isValid ? outcome.policy : nil, "\(outcome.diagnostics.map(\.formatted))")
    }

    static let contestsCategories =
        """
            categories: [user.name, user.contact.email]
            channels: [email]
            retention: until-consent-withdrawn-max-1y
        """

    @Test("EDPB 05/2020 §110: a consent purpose whose categories grew needs fresh consent; one that shrank does not")
    func categoriesGrow() throws {
        let old = try Self.coralClub()
        let grown = try Self.coralClub([
            (
                Self.contestsCategories,
                Self.contestsCategories.replacingOccurrences(
                    of: "user.contact.email]", with: "user.contact.email, user.contact.phone_number]")
            )
        ])
        #expect(ConsentScope.renewed(old: old, new: grown) == ["contests-and-surveys"])
        let shrunk = try Self.coralClub([
            (
                Self.contestsCategories,
                Self.contestsCategories.replacingOccurrences(
                    of: "[user.name, user.contact.email]", with: "[user.contact.email]")
            )
        ])
        #expect(ConsentScope.renewed(old: old, new: shrunk).isEmpty)
        #expect(ConsentScope.renewed(old: old, new: old).isEmpty)
    }

    @Test(
        """
        Art. 13(1)(e)-(f), EDPB 05/2020 §110: a new recipient or a \
        new third country for a consent purpose needs fresh consent
        """
    )
    func recipientsAndTransfersGrow() throws {
        let old = try Self.coralClub()
        let analytics =
            """
                purposes: [web-analytics]
                categories: [user.device.cookie_id, user.device.ip_address, user.behavior.browsing_history]

            """
        let newCountry = try Self.coralClub([
            (
                analytics + "    countries: [LV]\n",
                analytics + "    countries: [LV, IN]\n    transfer:\n      safeguard: standard_contractual_clauses\n"
            )
        ])
        #expect(ConsentScope.renewed(old: old, new: newCountry) == ["web-analytics"])
        let newRecipient = try Self.coralClub([
            (
                "    purposes: [services]\n    categories: [user.name, user.financial.credit_card]",
                "    purposes: [services, marketing]\n    categories: [user.name, user.financial.credit_card]"
            )
        ])
        #expect(
            ConsentScope.renewed(old: old, new: newRecipient) == ["marketing"],
            "a contract purpose gaining the recipient needs no consent")
    }

    @Test("Art. 6(1)(a): a purpose that newly rests on consent is not covered by any earlier consent")
    func newlyConsent() throws {
        let old = try Self.coralClub([
            (
                """
                    legal_basis: consent
                    data_subjects: [customer]
                    categories: [user.name, user.contact.email, user.contact.phone_number]
                    channels: [email, sms, phone_call, automated_call]
                """,
                """
                    legal_basis: legitimate_interests
                    legitimate_interest:
                      lv: Piedāvājumi klientiem.
                      en: Offers to our customers.
                    data_subjects: [customer]
                    categories: [user.name, user.contact.email, user.contact.phone_number]
                    channels: [email, sms, phone_call, automated_call]
                """
            )
        ])
        #expect(ConsentScope.renewed(old: old, new: try Self.coralClub()) == ["marketing"])
    }

    @Test("The versions whose consents are outdated: every version before the last one that renewed the purpose")
    func outdatedHistory() {
        let history = [
            ConsentScope.Step(version: "1", renewed: []), ConsentScope.Step(version: "2", renewed: ["a"]),
            ConsentScope.Step(version: "3", renewed: []), ConsentScope.Step(version: "4", renewed: ["a", "b"]),
        ]
        let outdated = ConsentScope.outdatedVersions(history)
        #expect(outdated["a"] == ["1", "2", "3"])
        #expect(outdated["b"] == ["1", "2", "3"])
        #expect(ConsentScope.outdatedVersions(Array(history.prefix(3)))["a"] == ["1"])
        #expect(outdated["c"] == nil)
    }

    @Test(
        """
        EDPB 05/2020 §110: the engine answers consent_outdated for a \
        consent given under an outdated version, consent_given for a fresh one
        """
    )
    func engineAnswersOutdated() throws {
        let policy = try Self.coralClub()
        let engine = DecisionEngine(policy: policy, outdatedConsent: ["contests-and-surveys": ["2023-01"]])
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let old = SubjectState(consents: [
            ConsentEvent(purpose: "contests-and-surveys", state: .given, at: t0, policyVersion: "2023-01")
        ])
        let decision = try engine.decide(old, purpose: "contests-and-surveys", at: t0.addingTimeInterval(60))
        #expect(!decision.allowed && decision.reason == .consentOutdated && decision.categories.isEmpty)
        var renewed = old
        renewed.consents.append(
            ConsentEvent(
                purpose: "contests-and-surveys", state: .given, at: t0.addingTimeInterval(30), policyVersion: "2024-01")
        )
        #expect(
            try engine.decide(renewed, purpose: "contests-and-surveys", at: t0.addingTimeInterval(60)).reason
                == .consentGiven)
        var withdrawn = old
        withdrawn.consents.append(
            ConsentEvent(
                purpose: "contests-and-surveys", state: .withdrawn, at: t0.addingTimeInterval(30),
                policyVersion: "2024-01"))
        #expect(
            try engine.decide(withdrawn, purpose: "contests-and-surveys", at: t0.addingTimeInterval(60)).reason
                == .consentWithdrawn)
    }

    @Test(
        """
        Art. 12(1), 13(3): the change notice says each change in plain \
        words in the subject's language, with the date and the link
        """
    )
    func changeNoticeWording() throws {
        let old = try Self.coralClub()
        let new = try Self.coralClub([
            (
                Self.contestsCategories,
                Self.contestsCategories.replacingOccurrences(
                    of: "user.contact.email]", with: "user.contact.email, user.contact.phone_number]")
            )
        ])
        let diff = PolicyDiff(old: old, new: new)
        let date = try #require(CivilDate(year: 2027, month: 1, day: 15))
        let latvian = try RequestMessages(policy: new, language: "lv")
            .policyChange(
                diff.changes, renewed: ["contests-and-surveys"], effectiveOn: date,
                link: "https://example.lv/notice/versions/x")
        #expect(latvian.subject == "Izmaiņas mūsu privātuma paziņojumā")
        #expect(latvian.body.contains("Izmaiņas stājas spēkā 15.01.2027."))
        #expect(
            latvian.body.contains("Konkursi un aptaujas: mēs izmantosim arī šādus datus: tālruņa numurs."),
            "\(latvian.body)")
        #expect(latvian.body.contains("https://example.lv/notice/versions/x"))
        #expect(latvian.body.contains("piekrišana neattiecas"))
        let english = try RequestMessages(policy: new, language: "en").policyChange(
            diff.changes, renewed: [], effectiveOn: date, link: "L")
        #expect(
            english.body.contains("Contests and surveys: we will also use your telephone number."), "\(english.body)")
        #expect(!english.body.contains("consent again"))
        for language in PolicyValidator.supportedLanguages {
            let strings = try NoticeStrings(language: language)
            for key in [
                "subject", "intro", "consent", "link", "purpose_added", "legal_basis", "recipient_added", "transfer",
            ] {
                #expect(
                    strings.text("message.policy_change.\(key)") != "message.policy_change.\(key)",
                    "\(language) lacks \(key)")
            }
        }
    }

    @Test("RFC 9110 §12.5.4: ?lang= first, then Accept-Language by weight, then the authoritative language")
    func languageChoice() {
        let available = ["lv", "en"]
        #expect(
            LanguagePreference.choose(explicit: "en", acceptLanguage: "lv", available: available, fallback: "lv")
                == "en")
        #expect(
            LanguagePreference.choose(
                explicit: "fr", acceptLanguage: "en-GB,lv;q=0.9", available: available, fallback: "lv") == "en")
        #expect(
            LanguagePreference.choose(
                explicit: nil, acceptLanguage: "de;q=1, lv;q=0.2, en;q=0.5", available: available, fallback: "lv")
                == "en")
        #expect(
            LanguagePreference.choose(explicit: nil, acceptLanguage: "en;q=0, de", available: available, fallback: "lv")
                == "lv")
        #expect(
            LanguagePreference.choose(explicit: nil, acceptLanguage: nil, available: available, fallback: "lv") == "lv")
    }
}
