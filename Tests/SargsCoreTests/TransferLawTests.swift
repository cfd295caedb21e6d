import Foundation
import Testing
@testable import SargsCore

/// Each law's own transfer rules (issue 21 item 7): GDPR Chapter V, Law of Ukraine No. 2297-VI
/// Art. 29, Law of Belarus No. 99-Z Art. 9, the EU-US Data Privacy Framework, and the policy's
/// own changes to the lists (`rules.transfers`).
@Suite("Each law's transfer rules")
struct TransferLawTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30

    func recipient(
        _ countries: [String], _ safeguard: Transfer.Safeguard?, consentPurpose: String? = nil,
        dpfCertified: Bool? = nil
    ) -> Recipient {
        Recipient(
            id: "partner", name: LocalizedText(["en": "Partner"]), role: .processor, purposes: ["services"],
            categories: [],
            countries: countries,
            transfer: safeguard.map {
                Transfer(
                    safeguard: $0, reference: nil, copyAvailableAt: nil, consentPurpose: consentPurpose,
                    dpfCertified: dpfCertified)
            })
    }

    /// The refusal's text, or nil when the transfer passes.
    func refusal(_ check: TransferCheck, _ recipient: Recipient, _ subject: SubjectState = SubjectState()) -> String? {
        do {
            try check.check(recipient, subject: subject, at: now)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// A policy file checked after textual replacements.
    func checked(_ file: String, _ replacements: [(String, String)]) throws -> PolicyChecker.Outcome {
        var text = try TestFiles.read(file)
        for (old, new) in replacements {
            guard text.contains(old) else { throw TestFailure("\(file) does not contain \(old)") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return PolicyChecker.check(yaml: text, file: file)
    }

    let given = SubjectState(consents: [
        ConsentEvent(purpose: "transfer-abroad", state: .given, at: Date(timeIntervalSince1970: 1_795_000_000))
    ])

    // MARK: Ukraine

    @Test(
        """
        UA Law 2297-VI Art. 29(3): Convention 108 parties with no EU adequacy \
        decision (Georgia, Türkiye) are adequate; Egypt is not (Coral Travel UA)
        """
    )
    func ukraineAdequacy() throws {
        let check = TransferCheck(policy: try TestFiles.validPolicy("examples/coral-travel/ukraine.yaml"))
        #expect(AdequacyDecisions.decision(for: "GE", on: CivilDate(iso: "2026-11-30")!) == nil)
        #expect(AdequacyDecisions.decision(for: "TR", on: CivilDate(iso: "2026-11-30")!) == nil)
        #expect(refusal(check, recipient(["GE", "TR"], .adequacyDecision)) == nil)
        let egypt = try #require(refusal(check, recipient(["TR", "EG"], .adequacyDecision)))
        #expect(egypt.hasPrefix("EG is not among") && egypt.contains("Law of Ukraine No. 2297-VI Art. 29"))
        // The same transfer to Georgia under an eu-gdpr policy has no Commission decision (GDPR Art. 45).
        let gdpr = TransferCheck(policy: try TestFiles.validPolicy("examples/coral-club.yaml"))
        #expect(refusal(gdpr, recipient(["GE"], .adequacyDecision))?.contains("GDPR Art. 45") == true)
    }

    @Test(
        """
        UA Law 2297-VI Art. 29: to a state outside the list only on the \
        subject's unambiguous consent or a transaction in their interest
        """
    )
    func ukraineOtherGrounds() throws {
        let policy = try TestFiles.validPolicy("examples/coral-travel/ukraine.yaml")
        let check = TransferCheck(policy: policy)
        let consent = recipient(["EG"], .explicitConsent, consentPurpose: "transfer-abroad")
        let refused = try #require(refusal(check, consent))
        #expect(refused.contains("Law of Ukraine No. 2297-VI Art. 29") && refused.contains("unambiguous consent"))
        #expect(!refused.contains("GDPR"))
        #expect(refusal(check, consent, given) == nil)
        #expect(refusal(check, recipient(["EG"], nil))?.contains("Law of Ukraine No. 2297-VI Art. 29") == true)
        // Tour operators in Türkiye and Egypt on the contract ground: a trip must be in force.
        let providers = recipient(["TR", "EG"], .contractPerformance)
        #expect(refusal(check, providers)?.contains("Law of Ukraine No. 2297-VI Art. 29") == true)
        let trip = SubjectState(relationships: [Relationship(kind: "trip", start: now.addingTimeInterval(-86_400))])
        #expect(refusal(check, providers, trip) == nil)
    }

    @Test(
        """
        UA Law 2297-VI Art. 29(3): Russia, a Convention 108 party, \
        is left out of the default; rules.transfers can add it
        """
    )
    func ukraineRussia() throws {
        var policy = try TestFiles.validPolicy("examples/coral-travel/ukraine.yaml")
        #expect(TransferDestinations.convention108Parties.contains("RU"))
        #expect(TransferLaw.ukraine.listed("RU", on: nil) == nil)
        #expect(
            refusal(TransferCheck(policy: policy), recipient(["RU"], .adequacyDecision))?.contains("2297-VI Art. 29(3)")
                == true)
        policy.rules.transfers = TransferOverrides(adequateCountriesAdd: ["RU"])
        #expect(refusal(TransferCheck(policy: policy), recipient(["RU"], .adequacyDecision)) == nil)
    }

    @Test(
        """
        UA Law 2297-VI Art. 29 in the policy check: adequacy for Egypt is warned \
        about naming the law; a recipient with no ground is an error naming Art. 29
        """
    )
    func ukrainePolicyCheck() throws {
        // The tour operators "including outside Ukraine" (seed l.53), placed in Türkiye and Egypt.
        let seed =
            """
                categories: [user.name, user.government_id.passport_number, user.demographic.date_of_birth]
                countries: [UA]

            """
        let abroad =
            """
                categories: [user.name, user.government_id.passport_number, user.demographic.date_of_birth]
                countries: [UA, TR, EG]

            """
        let adequacy = try checked(
            "examples/coral-travel/ukraine.yaml",
            [(seed, abroad + "    transfer:\n      safeguard: adequacy_decision\n")])
        #expect(adequacy.isValid)
        #expect(
            adequacy.diagnostics.contains {
                $0.severity == .warning && $0.message.contains("EG is not among")
                    && $0.message.contains("Law of Ukraine No. 2297-VI Art. 29(3)")
            })
        #expect(!adequacy.diagnostics.contains { $0.message.contains("TR is not among") })
        let none = try checked("examples/coral-travel/ukraine.yaml", [(seed, abroad)])
        #expect(
            !none.isValid
                && none.diagnostics.contains {
                    $0.code == .transferWithoutSafeguard && $0.message.contains("Law of Ukraine No. 2297-VI Art. 29")
                        && $0.hint != nil
                })
    }

    // MARK: Belarus

    @Test(
        """
        BY Law 99-Z Art. 9: states on the NCPDP's list pass (Convention 108 \
        party Germany, EAEU member Kazakhstan); Egypt without consent is refused
        """
    )
    func belarusAdequacy() throws {
        let check = TransferCheck(policy: try TestFiles.validPolicy("examples/coral-travel/belarus.yaml"))
        #expect(refusal(check, recipient(["DE", "KZ", "RU"], .adequacyDecision)) == nil)
        let egypt = try #require(refusal(check, recipient(["EG"], .adequacyDecision)))
        #expect(egypt.contains("Law of Belarus No. 99-Z Art. 9") && egypt.contains("NCPDP"))
        let consent = recipient(["EG"], .explicitConsent, consentPurpose: "transfer-abroad")
        let refused = try #require(refusal(check, consent))
        #expect(refused.contains("Law of Belarus No. 99-Z Art. 9") && refused.contains("informed of the risks"))
        #expect(refusal(check, consent, given) == nil)
        #expect(refusal(check, recipient(["EG"], nil))?.contains("Law of Belarus No. 99-Z Art. 9") == true)
        // The US is on no Belarusian list, whatever the DPF says.
        #expect(refusal(check, recipient(["US"], .adequacyDecision, dpfCertified: true)) != nil)
    }

    @Test(
        """
        BY Law 99-Z Art. 9 knows no standard contractual clauses: only \
        listed states pass with them; under GDPR Art. 46(2)(c) Egypt passes
        """
    )
    func belarusClauses() throws {
        let check = TransferCheck(policy: try TestFiles.validPolicy("examples/coral-travel/belarus.yaml"))
        #expect(refusal(check, recipient(["TR"], .standardContractualClauses)) == nil)
        let egypt = try #require(refusal(check, recipient(["EG"], .standardContractualClauses)))
        #expect(
            egypt.contains("Law of Belarus No. 99-Z") && egypt.contains("Art. 9")
                && egypt.contains("standard_contractual_clauses"))
        let gdpr = TransferCheck(policy: try TestFiles.validPolicy("examples/coral-travel/latvia.yaml"))
        #expect(refusal(gdpr, recipient(["EG"], .standardContractualClauses)) == nil)
        // The policy check says the same.
        let seed = "    categories: [user.name, user.government_id.passport_number]\n    countries: [BY]\n"
        let clauses = try checked(
            "examples/coral-travel/belarus.yaml",
            [
                (
                    seed,
                    "    categories: [user.name, user.government_id.passport_number]\n    countries: [BY, TR, EG]\n"
                        + "    transfer:\n      safeguard: standard_contractual_clauses\n"
                )
            ])
        #expect(
            !clauses.isValid
                && clauses.diagnostics.contains {
                    $0.code == .transferWithoutSafeguard && $0.message.contains("99-Z Art. 9")
                        && $0.message.contains("EG")
                })
    }

    @Test(
        "BY Law 99-Z Art. 9 and the contract ground: tour operators abroad (Türkiye, Egypt) need a contract in force"
    )
    func belarusContract() throws {
        let policy = try TestFiles.validPolicy("examples/coral-travel/belarus.yaml")
        let providers = recipient(["TR", "EG"], .contractPerformance)
        let refused = try #require(refusal(TransferCheck(policy: policy), providers))
        #expect(refused.contains("Law of Belarus No. 99-Z Art. 9: a contract with the subject"))
        let trip = SubjectState(relationships: [Relationship(kind: "trip", start: now.addingTimeInterval(-86_400))])
        #expect(refusal(TransferCheck(policy: policy), providers, trip) == nil)
    }

    // MARK: GDPR and the Data Privacy Framework

    @Test(
        """
        GDPR Art. 45: a US recipient on adequacy passes only when \
        declared dpf_certified (EU-US Data Privacy Framework), on two seeds
        """,
        arguments: ["examples/coral-club.yaml", "examples/coral-travel/latvia.yaml"])
    func dataPrivacyFramework(seed: String) throws {
        let check = TransferCheck(policy: try TestFiles.validPolicy(seed))
        let uncertified = try #require(refusal(check, recipient(["US"], .adequacyDecision)))
        #expect(
            uncertified.contains("Art. 45") && uncertified.contains("Data Privacy Framework")
                && uncertified.contains("dpf_certified"))
        #expect(refusal(check, recipient(["US"], .adequacyDecision, dpfCertified: false)) != nil)
        #expect(refusal(check, recipient(["US"], .adequacyDecision, dpfCertified: true)) == nil)
        #expect(refusal(check, recipient(["US", "JP"], .adequacyDecision, dpfCertified: true)) == nil)
    }

    @Test(
        """
        GDPR Art. 45 in the policy check: adequacy_decision for the US without \
        dpf_certified is an error naming the DPF; dpf_certified elsewhere is a warning
        """
    )
    func dataPrivacyFrameworkPolicyCheck() throws {
        let bare = try TestFiles.variant([
            ("    countries: [LV]\n", "    countries: [US]\n    transfer:\n      safeguard: adequacy_decision\n")
        ])
        #expect(!bare.isValid)
        #expect(
            bare.diagnostics.contains {
                $0.severity == .error && $0.code == .transferWithoutSafeguard
                    && $0.path == "recipients[0].transfer.safeguard"
                    && $0.message.contains("Art. 45") && $0.message.contains("Data Privacy Framework")
                    && $0.hint?.contains("dpf_certified") == true
            })
        let certified = try TestFiles.variant([
            (
                "    countries: [LV]\n",
                "    countries: [US]\n    transfer:\n      safeguard: adequacy_decision\n      dpf_certified: true\n"
            )
        ])
        #expect(certified.isValid && certified.policy?.recipients[0].transfer?.dpfCertified == true)
        #expect(!certified.diagnostics.contains { $0.message.contains("Data Privacy Framework") })
        let elsewhere = try TestFiles.variant([
            (
                "    countries: [LV]\n",
                """
                    countries: [LV, CH]
                    transfer:
                      safeguard: adequacy_decision
                      dpf_certified: true

                """
            )
        ])
        #expect(elsewhere.isValid)
        #expect(
            elsewhere.diagnostics.contains {
                $0.severity == .warning && $0.path == "recipients[0].transfer.dpf_certified" && $0.hint != nil
            })
    }

    // MARK: The policy's own changes

    @Test(
        """
        GDPR Art. 45 with rules.transfers: an added country is adequate, \
        a removed one is not, and adding the US keeps the DPF condition
        """
    )
    func overridesAtDisclosure() throws {
        var policy = try TestFiles.validPolicy("examples/coral-club.yaml")
        #expect(refusal(TransferCheck(policy: policy), recipient(["IN"], .adequacyDecision)) != nil)
        #expect(refusal(TransferCheck(policy: policy), recipient(["JP"], .adequacyDecision)) == nil)
        policy.rules.transfers = TransferOverrides(adequateCountriesAdd: ["IN", "US"], adequateCountriesRemove: ["JP"])
        let check = TransferCheck(policy: policy)
        #expect(refusal(check, recipient(["IN"], .adequacyDecision)) == nil)
        let japan = try #require(refusal(check, recipient(["JP"], .adequacyDecision)))
        #expect(japan.contains("GDPR Art. 45") && japan.contains("adequate_countries_remove"))
        #expect(refusal(check, recipient(["US"], .adequacyDecision))?.contains("Data Privacy Framework") == true)
    }

    @Test("BY Law 99-Z Art. 9 with rules.transfers: a state taken off the NCPDP's list is refused; one added passes")
    func overridesUnderBelarus() throws {
        var policy = try TestFiles.validPolicy("examples/coral-travel/belarus.yaml")
        policy.rules.transfers = TransferOverrides(adequateCountriesAdd: ["EG"], adequateCountriesRemove: ["TR"])
        let check = TransferCheck(policy: policy)
        #expect(refusal(check, recipient(["EG"], .adequacyDecision)) == nil)
        #expect(
            refusal(check, recipient(["TR"], .adequacyDecision))?.contains("Law of Belarus No. 99-Z Art. 9") == true)
    }

    @Test(
        """
        GDPR Art. 45 with rules.transfers in the YAML: the lists parse and silence \
        the missing-decision warning; contradictions and no-ops are reported
        """
    )
    func overridesInPolicyCheck() throws {
        let recipientInIndia = (
            "    countries: [LV]\n", "    countries: [LV, IN]\n    transfer:\n      safeguard: adequacy_decision\n"
        )
        let plain = try TestFiles.variant([recipientInIndia])
        #expect(plain.diagnostics.contains { $0.message.contains("no adequacy decision for IN") })
        let added = try TestFiles.variant([
            recipientInIndia,
            (
                "rules:\n  minimum_age: 16\n",
                "rules:\n  transfers:\n    adequate_countries_add: [IN]\n  minimum_age: 16\n"
            ),
        ])
        #expect(added.isValid && added.policy?.rules.transfers?.adequateCountriesAdd == ["IN"])
        #expect(added.policy?.rules.transfers?.adequateCountriesRemove == [])
        #expect(!added.diagnostics.contains { $0.message.contains("no adequacy decision for IN") })
        let muddled = try TestFiles.variant([
            recipientInIndia,
            (
                "rules:\n  minimum_age: 16\n",
                """
                rules:
                  transfers:
                    adequate_countries_add: [IN, CH]
                    adequate_countries_remove: [IN, KP]
                  minimum_age: 16

                """
            ),
        ])
        #expect(!muddled.isValid)
        #expect(
            muddled.diagnostics.contains {
                $0.severity == .error && $0.path == "rules.transfers.adequate_countries_add[0]"
            })
        #expect(
            muddled.diagnostics.contains {
                $0.severity == .warning && $0.path == "rules.transfers.adequate_countries_add[1]"
            })
        #expect(
            muddled.diagnostics.contains {
                $0.severity == .warning && $0.path == "rules.transfers.adequate_countries_remove[1]"
            })
        let absent = try TestFiles.variant([])
        #expect(absent.policy?.rules.transfers == nil)
    }

    // MARK: The data

    @Test(
        """
        Convention 108 (UA Art. 29(3), BY Art. 9): 46 Council of Europe members \
        and 9 parties by accession, each code once; every fact has a mark
        """
    )
    func convention108Data() {
        #expect(TransferDestinations.councilOfEuropeMembers.count == 46)
        #expect(Set(TransferDestinations.councilOfEuropeMembers).count == 46)
        #expect(TransferDestinations.convention108Parties.count == 55)
        #expect(!TransferDestinations.convention108Parties.contains("BY"))
        #expect(!TransferDestinations.convention108Parties.contains("US"))
        let codes = TransferDestinations.convention108Parties.union(
            TransferDestinations.eurasianEconomicUnion.members.keys)
        #expect(
            codes.allSatisfy { code in code.count == 2 && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) } })
        for law in [TransferLaw.gdpr, .ukraine, .belarus] {
            #expect(
                law.recognises(.adequacyDecision) && law.recognises(.explicitConsent)
                    && law.recognises(.contractPerformance))
            #expect(TransferLaw.governing(law.profile).name == law.name)
        }
        #expect(!TransferLaw.belarus.recognises(.standardContractualClauses))
        #expect(TransferLaw.belarus.listed("KZ", on: nil)?.confidence == .medium)
        #expect(TransferLaw.belarus.listed("DE", on: nil)?.confidence == .low)
        #expect(TransferLaw.ukraine.listed("GE", on: nil)?.confidence == .medium)
        #expect(TransferLaw.ukraine.listed("UY", on: nil)?.confidence == .low)
        #expect(TransferLaw.gdpr.listed("US", on: nil)?.requiresDPFCertification == true)
    }
}
