import Foundation
import Testing
@testable import SargsCore

@Suite("Request messages")
struct RequestMessagesTests {
    let policy: Policy
    init() throws { policy = try TestFiles.validPolicy("Tests/SargsCoreTests/Fixtures/decisions.yaml") }

    @Test("Art. 17(3): a partial erasure tells which categories are kept, why and until when")
    func keptExplained() throws {
        var details = CompletionDetails()
        details.erasure = ErasurePlan(
            erase: ["user.contact.email"],
            keep: [
                .init(
                    category: "user.name",
                    grounds: [
                        .init(
                            kind: .legalObligation, purpose: "accounting", law: LocalizedText(["en": "Accounting Law"]),
                            reason: nil,
                            until: CivilDate(iso: "2031-01-01"))
                    ])
            ])
        let message = try RequestMessages(policy: policy, language: "en").completed(
            type: .erasure, details: details, reference: "R-1")
        #expect(message.body.contains("except the following data"))
        #expect(message.body.contains("Accounting Law") && message.body.contains("Article 17(3)(b)"))
        #expect(message.body.contains("until 1 January 2031"))
        #expect(message.body.contains("R-1") && message.body.contains("Shop SIA"))
    }

    @Test("Art. 12(4): a rejection gives reasons and the right to complain and to a judicial remedy")
    func rejectionRemedies() throws {
        let message = try RequestMessages(policy: policy, language: "lv").rejected(
            type: .erasure, reasons: "Nav pierādīta identitāte", reference: "R-2")
        #expect(message.body.contains("Nav pierādīta identitāte"))
        #expect(message.body.contains("Datu valsts inspekcij") && message.body.contains("tiesā"))
    }

    @Test(
        """
        Art. 12(3)-(4), Coral Travel LV l.385: an extension gives \
        its reasons and names the complaint route, on two seeds
        """
    )
    func extensionNamesComplaintRoute() throws {
        let message = try RequestMessages(policy: policy, language: "lv").extended(
            type: .access, due: CivilDate(iso: "2027-04-30")!,
            reasons: "Daudz pieprasījumu", reference: "R-3")
        #expect(
            message.body.contains("Daudz pieprasījumu") && message.body.contains("Datu valsts inspekcij")
                && message.body.contains("tiesā"))
        let estonia = try TestFiles.validPolicy("examples/coral-travel/estonia.yaml")
        let english = try RequestMessages(policy: estonia, language: "en").extended(
            type: .erasure, due: CivilDate(iso: "2027-04-30")!,
            reasons: "Many requests", reference: "R-4")
        #expect(english.body.contains("You may lodge a complaint with the supervisory authority"))
    }

    @Test("Answers use the requester's language unless the policy answers in the state language")
    func answerLanguage() throws {
        #expect(RequestMessages.language(requested: "ru", policy: policy) == "ru")
        #expect(RequestMessages.language(requested: "de", policy: policy) == policy.authoritativeLanguage)
        var state = policy
        state.rules.requests.answerLanguage = .state
        #expect(RequestMessages.language(requested: "ru", policy: state) == state.authoritativeLanguage)
    }

    @Test(
        """
        A Latvian date ends with its own full stop, which also ends the \
        sentence: never two (every message, every language, two seeds)
        """
    )
    func noDoubleFullStop() throws {
        let estonia = try TestFiles.validPolicy("examples/coral-travel/estonia.yaml")
        for (policy, languages) in [(policy, ["lv", "en"]), (estonia, ["et", "en", "ru"])] {
            for language in languages {
                let messages = try RequestMessages(policy: policy, language: language)
                let due = CivilDate(iso: "2027-01-05")!
                let texts = [
                    messages.acknowledgement(
                        type: .erasure, receivedOn: CivilDate(iso: "2026-12-05")!, due: due, reference: "R-1"
                    ).body,
                    messages.extended(type: .access, due: due, reasons: "x", reference: "R-2").body,
                ]
                for text in texts {
                    #expect(!text.contains(".."), "\(language): \(text)")
                }
            }
        }
        let latvian = try RequestMessages(policy: policy, language: "lv")
            .acknowledgement(
                type: .erasure, receivedOn: CivilDate(iso: "2026-12-05")!, due: CivilDate(iso: "2027-01-05")!,
                reference: "R-1")
        #expect(
            latvian.body.contains("saņēmām 05.12.2026.") && latvian.body.contains("līdz 05.01.2027."),
            "\(latvian.body)"
        )
    }
}
