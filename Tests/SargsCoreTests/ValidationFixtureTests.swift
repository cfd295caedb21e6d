import Foundation
import Testing
@testable import SargsCore

/// Every fixture in Fixtures/invalid states in its header which findings it must produce.
@Suite("Validation fixtures")
struct ValidationFixtureTests {
    struct Expectation: CustomStringConvertible {
        var code: DiagnosticCode
        var line: Int
        var path: String
        var description: String { "\(code.rawValue) at \(line) \(path)" }
    }

    /// Findings that must carry a hint.
    static let rulesWithHints: Set<DiagnosticCode> = [
        .yamlSyntax, .duplicateKey, .unknownKey, .missingKey, .invalidDuration, .undeclaredReference, .missingChannels,
        .specialCategoryWithoutCondition, .missingLegitimateInterest, .consentRetentionOutlivesConsent,
        .retentionPeriodMissing, .transferWithoutSafeguard, .missingTranslation, .authoritativeLanguageUndeclared,
        .minimumAgeBelowChildConsentAge, .unsupportedLanguage, .unknownTaxonomyKey, .noDPO,
    ]

    static func expectations(in text: String) -> [Expectation] {
        text.split(separator: "\n").prefix { $0.hasPrefix("# expect:") }.compactMap { line in
            let parts = line.dropFirst("# expect: ".count).split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count >= 3, let code = DiagnosticCode(rawValue: String(parts[0])), let number = Int(parts[2])
            else { return nil }
            return Expectation(code: code, line: number, path: parts.count > 3 ? String(parts[3]) : "")
        }
    }

    @Test("Each fixture reports its finding with line and path", arguments: TestFiles.invalidFixtures)
    func fixture(name: String) throws {
        let path = "Tests/SargsCoreTests/Fixtures/invalid/\(name)"
        let text = try TestFiles.read(path)
        let expected = Self.expectations(in: text)
        #expect(!expected.isEmpty, "fixture \(name) declares no expectation")
        let outcome = PolicyChecker.check(yaml: text, file: path)
        for expectation in expected {
            let match = outcome.diagnostics.first { diagnostic in
                diagnostic.code == expectation.code
                    && (expectation.line == 0 || diagnostic.location.line == expectation.line)
                    && (expectation.path.isEmpty || diagnostic.path == expectation.path)
            }
            #expect(match != nil, "expected \(expectation) in \(outcome.diagnostics.map(\.formatted))")
            #expect(match?.location.file == path)
            // Every finding of the legal rules tells the author how to fix it.
            if let match, Self.rulesWithHints.contains(match.code) {
                #expect(match.hint?.isEmpty == false, "\(match.code.rawValue) has no hint")
            }
        }
        let warningsOnly = expected.allSatisfy { $0.code == .noDPO }
        #expect(outcome.isValid == warningsOnly)
    }

    @Test("The base of the fixtures is itself valid, without warnings")
    func baseIsValid() throws {
        let outcome = PolicyChecker.check(
            yaml: try TestFiles.read("Tests/SargsCoreTests/Fixtures/base.yaml"), file: "base.yaml")
        #expect(outcome.isValid)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.formatted))")
    }

    @Test("Every error in one run: three independent mistakes are all reported")
    func allErrorsInOneRun() throws {
        let text = try TestFiles.read("Tests/SargsCoreTests/Fixtures/invalid/many-errors.yaml")
        let outcome = PolicyChecker.check(yaml: text, file: "many-errors.yaml")
        #expect(outcome.diagnostics.errors.count == 3)
    }

    @Test("Unknown keys suggest the nearest valid key; unknown values the nearest valid value")
    func suggestions() throws {
        let outcome = try TestFiles.variant([
            ("    legal_basis: contract\n", "    legal_basis: contrat\n    chanels: [email]\n")
        ])
        #expect(outcome.diagnostics.contains { $0.code == .unknownKey && $0.hint == "did you mean 'channels'?" })
        #expect(outcome.diagnostics.contains { $0.code == .invalidValue && $0.hint == "did you mean 'contract'?" })
    }

    @Test("Unknown keys do not stop the legal rules from running")
    func unknownKeyStillValidates() throws {
        let outcome = try TestFiles.variant([
            ("    legal_basis: contract\n", "    legal_basis: legitimate_interests\n    colour: blue\n")
        ])
        #expect(outcome.diagnostics.contains { $0.code == .unknownKey })
        #expect(outcome.diagnostics.contains { $0.code == .missingLegitimateInterest })
    }

    @Test("Missing translations are listed one by one, for every missing language")
    func everyMissingTranslation() throws {
        let outcome = try TestFiles.variant([
            ("languages: [en, lv]", "languages: [en, lv, lt]")
        ])
        let missing = outcome.diagnostics.filter { $0.code == .missingTranslation }.map(\.path).sorted()
        #expect(
            missing == [
                "purposes[0].description.lt", "purposes[0].label.lt", "purposes[1].description.lt",
                "purposes[1].label.lt",
            ])
    }

    @Test("GDPR Art. 9(2): a special category is accepted with a condition")
    func specialCategoryWithCondition() throws {
        let outcome = try TestFiles.variant([
            ("  - key: user.contact.email\n", "  - key: user.contact.email\n  - key: user.health_and_medical\n"),
            (
                "    categories: [user.contact.email]\n    retention: until-withdrawn",
                """
                    categories: [user.contact.email, user.health_and_medical]
                    special_category_condition: explicit_consent
                    retention: until-withdrawn
                """
            ),
        ])
        #expect(outcome.isValid, "\(outcome.diagnostics.map(\.formatted))")
    }

    @Test("GDPR Art. 44-49: a transfer with a safeguard is accepted, a transfer within the EEA needs none")
    func transferWithSafeguard() throws {
        let withSafeguard = try TestFiles.variant([
            (
                "    countries: [LV]\n",
                "    countries: [US]\n    transfer:\n      safeguard: standard_contractual_clauses\n"
            )
        ])
        #expect(withSafeguard.isValid)
        let withinEEA = try TestFiles.variant([("    countries: [LV]\n", "    countries: [DE, NO]\n")])
        #expect(withinEEA.isValid)
    }

    @Test("GDPR Art. 7(3): a consent purpose may keep data only until withdrawal, or under a legal obligation")
    func consentRetentionKinds() throws {
        let legal = try TestFiles.variant([
            (
                "  - id: until-withdrawn\n    kind: until_consent_withdrawn\n",
                """
                  - id: until-withdrawn
                    kind: legal_obligation
                    period: P5Y
                    law:
                      en: Accounting Law
                      lv: Grāmatvedības likums

                """
            )
        ])
        #expect(legal.isValid, "\(legal.diagnostics.map(\.formatted))")
        let objection = try TestFiles.variant([
            (
                "  - id: until-withdrawn\n    kind: until_consent_withdrawn\n",
                "  - id: until-withdrawn\n    kind: until_objection\n"
            )
        ])
        #expect(objection.diagnostics.contains { $0.code == .consentRetentionOutlivesConsent })
    }

    @Test("GDPR Art. 22(2): solely automated decisions need contract, law or explicit consent")
    func solelyAutomatedDecision() throws {
        let decision =
            """
                automated_decision:
                  solely_automated: true
                  logic: {en: Score, lv: Vērtējums}
                  effect: {en: Refusal, lv: Atteikums}

            """
        let onInterest = try TestFiles.variant([
            (
                "    legal_basis: contract\n",
                "    legal_basis: legitimate_interests\n    legitimate_interest: {en: Risk, lv: Risks}\n" + decision
            )
        ])
        #expect(
            onInterest.diagnostics.contains { $0.code == .invalidValue && $0.path == "purposes[0].automated_decision" })
        let onContract = try TestFiles.variant([
            ("    legal_basis: contract\n", "    legal_basis: contract\n" + decision)
        ])
        #expect(onContract.isValid, "\(onContract.diagnostics.map(\.formatted))")
    }

    @Test("Ukraine has no age of digital consent: no age rule applies under the ua profile")
    func ukrainianProfileAges() throws {
        let outcome = try TestFiles.variant([
            ("  profile: eu-gdpr\n  member_state: LV\n", "  profile: ua\n"),
            ("  minimum_age: 16\n", "  minimum_age: 10\n"),
        ])
        #expect(!outcome.diagnostics.contains { $0.code == .minimumAgeBelowChildConsentAge })
    }
}
