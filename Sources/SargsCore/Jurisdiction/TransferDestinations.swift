/// Where each law lets personal data go as adequately protected, and on which other grounds: the
/// data behind `TransferLaw`, one place per law, each fact with its source and confidence
/// (H read in the legal text, M secondary sources or well known, L recollection). Check the
/// sources before each release; a change is one edit here. A policy follows a change before Sargs
/// does with `rules.transfers.adequate_countries_add` / `adequate_countries_remove`.
public enum TransferDestinations {
    /// The 46 member states of the Council of Europe since Russia's expulsion on 16 March 2022 (M).
    public static let councilOfEuropeMembers: [String] = [
        "AL", "AD", "AM", "AT", "AZ", "BE", "BA", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "GE",
        "DE", "GR", "HU", "IS", "IE", "IT", "LV", "LI", "LT", "LU", "MT", "MD", "MC", "ME", "NL", "MK",
        "NO", "PL", "PT", "RO", "SM", "RS", "SK", "SI", "ES", "SE", "CH", "TR", "UA", "GB",
    ]

    /// Source of both Convention 108 lists.
    static let convention108Source = """
        Council of Europe Treaty Office, chart of signatures and ratifications of Treaty No. 108 \
        (https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=108); CoE \
        press releases of 25 August 2016 (Senegal the 50th party, beside the member states, Uruguay and \
        Mauritius) and of 2018 (Cabo Verde the 52nd, after Tunisia; Mexico, Morocco, Argentina and Burkina \
        Faso invited)
        """

    /// The Council of Europe member states, all parties to Convention 108 (ETS No. 108, 28 January 1981)
    /// (M: the CoE's 2016 press release, "the 47 Council of Europe member states ... are already state parties";
    /// Armenia 2012, Türkiye 2016 and San Marino ratified before it).
    public static let convention108MemberParties = DestinationList(
        name: "a Council of Europe member state, party to Convention 108",
        source: convention108Source,
        members: DestinationList.memberships([(.medium, councilOfEuropeMembers)]))

    /// Parties to Convention 108 outside the Council of Europe, by accession (Art. 23).
    /// - Uruguay (2013), Mauritius (2016), Senegal (2016), Tunisia (2017), Cabo Verde (2018): named as
    ///   parties by the CoE's own press releases (M).
    /// - Mexico (2018), Argentina (2019), Morocco (2019): invited per the CoE; accession from secondary sources (M).
    /// - Russia: a party since 2013 as a member state; expelled from the Council of Europe on 16 March 2022,
    ///   it stays a party to this convention, which is open to non-member states (M). Each law decides
    ///   whether it counts (`TransferLaw.excluded`).
    /// - Not listed: Burkina Faso, invited in March 2017 (M), accession not confirmed (L); add `BF` with
    ///   `rules.transfers.adequate_countries_add` once confirmed.
    public static let convention108OtherParties = DestinationList(
        name: "a party to Convention 108 outside the Council of Europe",
        source: convention108Source,
        members: DestinationList.memberships([(.medium, ["UY", "MU", "SN", "TN", "CV", "MX", "AR", "MA", "RU"])]))

    /// Every party to Convention 108.
    public static var convention108Parties: Set<String> {
        Set(convention108MemberParties.members.keys).union(convention108OtherParties.members.keys)
    }

    /// Member states of the Eurasian Economic Union: Treaty of 29 May 2014; Armenia and Kyrgyzstan joined in 2015 (M).
    public static let eurasianEconomicUnion = DestinationList(
        name: "a member state of the Eurasian Economic Union",
        source: "Treaty on the Eurasian Economic Union of 29 May 2014",
        members: DestinationList.memberships([(.medium, ["AM", "BY", "KZ", "KG", "RU"])]))

    /// The European Economic Area (`Countries.europeanEconomicArea`; the EEA Agreement) (M).
    public static let europeanEconomicArea = DestinationList(
        name: "a member state of the European Economic Area",
        source: "EEA Agreement; Countries.europeanEconomicArea",
        members: DestinationList.memberships([(.medium, Countries.europeanEconomicArea.sorted())]))

    /// The Cabinet of Ministers of Ukraine's list under Law No. 2297-VI Art. 29(3): no such list is known
    /// to have been adopted (L), so it is empty; a policy adds a listed state with `adequate_countries_add`.
    public static let ukraineCabinetList = DestinationList(
        name: "a state on the Cabinet of Ministers of Ukraine's list of states with adequate protection",
        source: "Law of Ukraine No. 2297-VI Art. 29(3); no resolution adopting the list is known (L)",
        members: [:])
}

extension TransferLaw {
    /// GDPR Chapter V (privacy-reference.md §1.7, H): adequacy is a Commission decision in force
    /// (`AdequacyDecisions`, §9, H), the US one only for organisations certified under the EU-US
    /// Data Privacy Framework; Art. 46 safeguards bind the recipient; Art. 49 derogations.
    public static let gdpr = TransferLaw(
        profile: .euGDPR, name: "GDPR", transferArticle: "Art. 44-49", adequacyArticle: "Art. 45",
        adequacyMeaning: "a Commission adequacy decision in force",
        otherGrounds: """
            standard contractual clauses (Art. 46(2)(c)), binding corporate rules (Art. 47) or a derogation of \
            Art. 49 such as explicit consent
            """,
        safeguardHint:
            "add transfer.safeguard, e.g. standard_contractual_clauses (Art. 46(2)(c)) or adequacy_decision (Art. 45)",
        adequacySource: .commissionDecisions,
        excluded: [:],
        grounds: [
            .adequacyDecision: Ground(article: "Art. 45", meaning: nil, confidence: .high),
            .standardContractualClauses: Ground(article: "Art. 46(2)(c)", meaning: nil, confidence: .high),
            .bindingCorporateRules: Ground(article: "Art. 46(2)(b)", meaning: nil, confidence: .high),
            .codeOfConduct: Ground(article: "Art. 46(2)(e)", meaning: nil, confidence: .high),
            .certification: Ground(article: "Art. 46(2)(f)", meaning: nil, confidence: .high),
            .explicitConsent: Ground(article: "Art. 49(1)(a)", meaning: nil, confidence: .high),
            .writtenConsent: Ground(article: "Art. 49(1)(a)", meaning: nil, confidence: .high),
            .contractPerformance: Ground(article: "Art. 49(1)(b)", meaning: nil, confidence: .high),
        ])

    /// Law of Ukraine No. 2297-VI "On Personal Data Protection" of 1 June 2010, Art. 29
    /// ("International cooperation and transfer of personal data").
    /// - Art. 29(3) (H, read in a copy of the text, protokol.com.ua): personal data go to foreign subjects only
    ///   where the state ensures adequate protection.
    /// - Same part (M: secondary sources, privacy-reference.md §2.2; the sentence itself not read): the EEA
    ///   member states and the states that signed Convention 108 are deemed adequate; the Cabinet of Ministers
    ///   sets the list of others. The text says "signed": the acceding non-member parties never signed, and
    ///   Sargs counts them as the evident aim of the rule (L).
    /// - The other grounds of Art. 29 (M; part and item numbers not read, so cited as Art. 29): the subject's
    ///   unambiguous consent; a transaction between the controller and the subject in the subject's interest;
    ///   vital interests; public interest or legal claims; guarantees by the controller of non-interference in
    ///   the subject's private and family life (for which the Art. 46 instruments stand).
    /// - Russia is left out by Sargs' decision (`excluded`).
    public static let ukraine = TransferLaw(
        profile: .ukraine, name: "Law of Ukraine No. 2297-VI", transferArticle: "Art. 29",
        adequacyArticle: "Art. 29(3)",
        adequacyMeaning: "the EEA, the states that signed Convention 108 and the Cabinet of Ministers' list",
        otherGrounds: """
            the subject's unambiguous consent (explicit_consent, written_consent), a transaction in the \
            subject's interest (contract_performance), or the controller's guarantees of non-interference in \
            private and family life (standard_contractual_clauses, binding_corporate_rules) (Art. 29)
            """,
        safeguardHint: """
            add transfer.safeguard: adequacy_decision for the EEA, Convention 108 states and the Cabinet of \
            Ministers' list (Art. 29(3)); elsewhere explicit_consent or contract_performance (Art. 29)
            """,
        adequacySource: .lists([
            TransferDestinations.europeanEconomicArea.counted(
                by: "Law of Ukraine No. 2297-VI Art. 29(3)", confidence: .medium),
            TransferDestinations.convention108MemberParties.counted(
                by: "Law of Ukraine No. 2297-VI Art. 29(3)", confidence: .medium),
            TransferDestinations.convention108OtherParties.counted(
                by: "Law of Ukraine No. 2297-VI Art. 29(3), which names the states that signed it", confidence: .low),
            TransferDestinations.ukraineCabinetList.counted(
                by: "Law of Ukraine No. 2297-VI Art. 29(3)", confidence: .medium),
        ]),
        excluded: ["RU": TransferLaw.russiaLeftOutOfUkraine],
        grounds: [
            .adequacyDecision: Ground(
                article: "Art. 29(3)", meaning: "a state with adequate protection", confidence: .high),
            .explicitConsent: Ground(
                article: "Art. 29", meaning: "the subject's unambiguous consent", confidence: .medium),
            .writtenConsent: Ground(
                article: "Art. 29", meaning: "the subject's unambiguous consent", confidence: .medium),
            .contractPerformance: Ground(
                article: "Art. 29", meaning: TransferLaw.ukrainianTransaction, confidence: .medium),
            .standardContractualClauses: Ground(
                article: "Art. 29", meaning: TransferLaw.ukrainianGuarantees, confidence: .medium),
            .bindingCorporateRules: Ground(
                article: "Art. 29", meaning: TransferLaw.ukrainianGuarantees, confidence: .medium),
            .codeOfConduct: Ground(article: "Art. 29", meaning: TransferLaw.ukrainianGuarantees, confidence: .low),
            .certification: Ground(article: "Art. 29", meaning: TransferLaw.ukrainianGuarantees, confidence: .low),
        ])

    static let ukrainianGuarantees =
        "guarantees by the controller of non-interference in the subject's private and family life"
    static let ukrainianTransaction = "a transaction between the controller and the subject, in the subject's interest"
    /// Why Russia, a party to Convention 108, is not on the `ua` default list (a product decision).
    static let russiaLeftOutOfUkraine = """
        a party to Convention 108 (M) and so adequate under the letter of Art. 29(3), but left out by Sargs since \
        Russia's full-scale invasion of Ukraine and its expulsion from the Council of Europe (2022): a product \
        decision, not a legal finding
        """

    /// Law of Belarus No. 99-Z of 7 May 2021 "On Personal Data Protection" (in force 15 November 2021), Art. 9.
    /// - Art. 9 (M: the NCPDP's and secondary summaries — e-sud.by, DataGuidance, dig.watch; the text not read):
    ///   transfer to a state without an adequate level of protection of data subjects' rights is banned, save
    ///   with the subject's consent after being informed of the risks, for a contract with the subject, for vital
    ///   interests, under international treaties or legislative acts, or with the NCPDP's permission; the NCPDP
    ///   (National Personal Data Protection Centre) determines the list of adequate states.
    /// - The list: NCPDP Order No. 14 of 15 November 2021 "On cross-border transfer of personal data" names the
    ///   parties to Convention 108 (L: recollection, not read); Order No. 114 of 26 December 2022 added the member
    ///   states of the Eurasian Economic Union (M: DataGuidance's report of the NCPDP's announcement).
    /// - Standard contractual clauses, binding corporate rules, codes and certifications are no ground of their
    ///   own (M, e-sud.by): with them only listed states pass.
    public static let belarus = TransferLaw(
        profile: .belarus, name: "Law of Belarus No. 99-Z", transferArticle: "Art. 9", adequacyArticle: "Art. 9",
        adequacyMeaning: """
            the NCPDP's list (Order No. 14 of 15.11.2021 as amended: parties to Convention 108, member states of \
            the Eurasian Economic Union)
            """,
        otherGrounds: """
            the subject's consent after being informed of the risks (explicit_consent, written_consent), a \
            contract with the subject (contract_performance), or the NCPDP's permission (Art. 9)
            """,
        safeguardHint: """
            add transfer.safeguard: adequacy_decision for states on the NCPDP's list; elsewhere explicit_consent \
            (consent after being informed of the risks) or contract_performance (Art. 9)
            """,
        adequacySource: .lists([
            TransferDestinations.convention108MemberParties.counted(
                by: "Law of Belarus No. 99-Z Art. 9; NCPDP Order No. 14 of 15.11.2021", confidence: .low),
            TransferDestinations.convention108OtherParties.counted(
                by: "Law of Belarus No. 99-Z Art. 9; NCPDP Order No. 14 of 15.11.2021", confidence: .low),
            TransferDestinations.eurasianEconomicUnion.counted(
                by: "Law of Belarus No. 99-Z Art. 9; NCPDP Order No. 114 of 26.12.2022 amending Order No. 14",
                confidence: .medium),
        ]),
        excluded: [:],
        grounds: [
            .adequacyDecision: Ground(article: "Art. 9", meaning: "a state on the NCPDP's list", confidence: .medium),
            .explicitConsent: Ground(
                article: "Art. 9", meaning: "the subject's consent after being informed of the risks",
                confidence: .medium),
            .writtenConsent: Ground(
                article: "Art. 9", meaning: "the subject's consent after being informed of the risks",
                confidence: .medium),
            .contractPerformance: Ground(
                article: "Art. 9", meaning: "a contract with the subject", confidence: .medium),
        ])
}
