import Testing
@testable import SargsCore

/// What GDPR Articles 13, 14 and 21(4) require a notice to say, checked on the rendered document.
@Suite("Notice content")
struct NoticeContentTests {
    func notice(_ path: String, _ language: String) throws -> NoticeDocument {
        try NoticeBuilder(policy: try TestFiles.validPolicy(path), language: language).build()
    }

    func section(_ document: NoticeDocument, _ id: String) -> [String] {
        guard let section = document.sections.first(where: { $0.id == id }) else { return [] }
        return ExampleTests.texts(of: NoticeDocument(language: "", title: "", subtitle: "", sections: [section]))
    }

    @Test("Art. 13(1)(a)-(b): controller identity, contacts and DPO")
    func controllerAndDPO() throws {
        let texts = section(try notice("examples/coral-travel/latvia.yaml", "en"), "controller")
        #expect(texts.contains("The controller of your personal data is CORAL TRAVEL Latvia SIA."))
        #expect(texts.contains("40203293469"))
        // Seed 004 names no DPO for Latvia, so none is invented; Coral Club's seed names its department (l.20).
        #expect(!texts.contains("Data protection officer"))
        #expect(section(try notice("examples/coral-club.yaml", "en"), "controller").contains("Data protection officer"))
    }

    @Test("Art. 13(1)(c)-(d): each purpose with its legal basis, article and legitimate interest")
    func purposesAndBases() throws {
        let texts = section(try notice("examples/coral-travel/latvia.yaml", "en"), "purposes")
        #expect(texts.contains("Your consent (Article 6(1)(a) GDPR)"))
        #expect(texts.contains("Our legitimate interests (Article 6(1)(f) GDPR)"))
        #expect(texts.contains("Offering customers trips that suit them."))
        #expect(texts.contains("Health data — your explicit consent (Article 9(2)(a) GDPR)"))
    }

    @Test("Citations follow each language's legal style")
    func citationsPerLanguage() throws {
        let latvian = section(try notice("examples/coral-travel/latvia.yaml", "lv"), "purposes")
        #expect(latvian.contains("Jūsu piekrišana (VDAR 6. panta 1. punkta a) apakšpunkts)"))
        let lithuanian = section(try notice("examples/coral-travel/lithuania.yaml", "lt"), "purposes")
        #expect(lithuanian.contains("Jūsų sutikimas (BDAR 6 straipsnio 1 dalies a punktas)"))
        let ukrainian = section(try notice("examples/coral-travel/ukraine.yaml", "uk"), "purposes")
        #expect(
            ukrainian.contains(
                """
                Ваша згода (стаття 11 Закону України «Про \
                захист персональних даних»)
                """))
    }

    @Test("Art. 13(2)(a): retention in plain words for every purpose")
    func retentionInPlainWords() throws {
        let texts = section(try notice("examples/coral-travel/latvia.yaml", "en"), "purposes")
        #expect(
            texts.contains {
                $0.hasPrefix(
                    """
                    5 years from the end of the financial year in which the \
                    record was made, as required by the Accounting Law of Latvia.
                    """
                )
            })
        #expect(texts.contains("Until you withdraw your consent. The data is then deleted."))
        let latvian = section(try notice("examples/coral-travel/latvia.yaml", "lv"), "purposes")
        #expect(latvian.contains { $0.hasPrefix("10 gadi pēc mūsu attiecību izbeigšanās.") })
    }

    @Test("Art. 13(2)(e): whether providing data is required and the consequence")
    func requirement() throws {
        let texts = section(try notice("examples/coral-travel/latvia.yaml", "en"), "purposes")
        #expect(texts.contains("Providing the data is necessary to enter into a contract with us."))
        #expect(texts.contains("Without this data we cannot conclude and perform the travel contract."))
    }

    @Test("Art. 13(1)(f), 46: transfers name the countries, the safeguard and where to get a copy")
    func transfers() throws {
        let texts = section(try notice("examples/coral-travel/latvia.yaml", "en"), "transfers")
        #expect(texts.contains("Türkiye, Egypt"))
        #expect(
            texts.contains {
                $0.hasPrefix("Standard contractual clauses adopted by the European Commission (Article 46(2)(c) GDPR)")
            })
        #expect(texts.contains("How to obtain a copy of the safeguard"))
    }

    @Test("Art. 14(1)(d), 14(2)(f): categories and non-subject sources are listed")
    func categoriesAndSources() throws {
        let document = try notice("examples/codars.yaml", "lv")
        #expect(section(document, "categories").contains("E-pasta adrese"))
        #expect(section(document, "sources").contains { $0.contains("Datus mēs saņemam no trešajām personām.") })
        #expect(section(try notice("examples/minimal.yaml", "en"), "sources").isEmpty)
    }

    @Test("Art. 21(4): the right to object is presented clearly and separately")
    func objectionSeparately() throws {
        let rights = try notice("examples/coral-club.yaml", "en").sections.first { $0.id == "rights" }!
        let callouts = rights.blocks.filter { if case .callout = $0 { return true } else { return false } }
        #expect(callouts.count == 1)
        guard case .callout(let heading, let text)? = callouts.first else { return }
        #expect(heading == "Your right to object")
        #expect(text.contains("without exception"))
    }

    @Test("Art. 7(3), 13(2)(c): withdrawal of consent is explained only where a purpose rests on consent")
    func withdrawalOnlyWithConsent() throws {
        #expect(section(try notice("examples/coral-club.yaml", "en"), "rights").contains("Right to withdraw consent"))
        #expect(!section(try notice("examples/minimal.yaml", "en"), "rights").contains("Right to withdraw consent"))
    }

    @Test("Art. 12(3), 13(2)(d): deadline, extension and the competent authority")
    func deadlinesAndAuthority() throws {
        let document = try notice("examples/coral-travel/lithuania.yaml", "lt")
        let exercise = section(document, "exercise")
        #expect(exercise.contains("Atsakymo terminas – 1 mėnuo nuo prašymo gavimo."))
        #expect(exercise.contains { $0.contains("ilgiausias pratęsimas – 2 mėnesiai") })
        #expect(exercise.contains { $0.contains("Tokio pranešimo terminas – 5 darbo dienos.") })
        // Seed 004 LT l.150: a qualified or another integrity-preserving e-signature, so "an electronic signature".
        #expect(exercise.contains { $0.contains("pasirašytas elektroniniu parašu") })
        #expect(section(document, "authority").contains("Valstybinė duomenų apsaugos inspekcija"))
    }

    @Test("Law of Ukraine 2297-VI Art. 8(2): 30 days, the Commissioner, no extension, no portability")
    func ukrainianNotice() throws {
        let document = try notice("examples/coral-travel/ukraine.yaml", "uk")
        let exercise = section(document, "exercise")
        #expect(
            exercise.contains(
                "Строк відповіді — 30 днів з дня отримання запиту."))
        #expect(!exercise.contains { $0.contains("продовжено") })
        #expect(
            section(document, "authority").contains(
                "Уповноважений Верховної Ради України з прав людини"))
        #expect(!section(document, "rights").contains("Право на перенесення даних"))
    }

    @Test("Coral Club's own rules: 30-day answers, 18+, 30 days' notice of changes, Do Not Track ignored")
    func coralClubRules() throws {
        let document = try notice("examples/coral-club.yaml", "lv")
        #expect(section(document, "exercise").contains("Atbildes termiņš: 30 dienas no pieprasījuma saņemšanas."))
        let changes = section(document, "changes")
        #expect(changes.contains("Minimālais vecums mūsu pakalpojumu izmantošanai: 18 gadi."))
        #expect(
            changes.contains {
                $0.hasPrefix("Paziņošanas termiņš par būtiskiem šī paziņojuma grozījumiem: 30 dienas.")
            }
        )
        #expect(changes.contains { $0.contains("noteicošais ir teksts latviešu valodā") })
        #expect(
            section(document, "cookies").contains { $0.hasPrefix("Mēs nereaģējam uz signāliem “Neizsekot”") })
    }

    @Test("HTML is standalone: no external resources, escaped text, accessible structure")
    func standaloneHTML() throws {
        let html = HTMLNoticeWriter.write(try notice("examples/coral-club.yaml", "en"))
        #expect(!html.contains("src=\""))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(html.contains("<main id=\"main\">"))
        #expect(html.contains("<th scope=\"col\">"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<a href=\"mailto:datenschutz@coral-club.com\">"))
        #expect(
            HTMLNoticeWriter.escape("<script>\"x\" & 'y'</script>")
                == "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;")
    }
}
