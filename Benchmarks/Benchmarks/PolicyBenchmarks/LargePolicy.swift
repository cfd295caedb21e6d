/// Generates a large, valid policy: the workload of the policy benchmarks.
enum LargePolicy {
    /// YAML text of a bilingual policy with `purposes` purposes and `categories` custom data categories.
    static func yaml(purposes: Int, categories: Int) -> String {
        var text = """
            sargs: 1
            policy:
              version: "bench"
              effective: 2026-01-01
            controllers:
              - id: bench
                legal_name: Bench SIA
                address: Brīvības iela 1, Rīga, LV-1010
                country: LV
                email: privacy@bench.lv
            dpo:
              email: dpo@bench.lv
            jurisdiction:
              profile: eu-gdpr
              member_state: LV
            languages: [en, lv]
            authoritative_language: lv
            data_subjects:
              - key: customer
            data_categories:

            """
        for index in 0..<categories {
            text += """
                  - key: user.contact.custom_\(index)
                    label:
                      en: Custom contact field \(index)
                      lv: Pielāgots kontaktlauks \(index)

                """
        }
        text += "purposes:\n"
        let bases = ["contract", "legitimate_interests", "consent", "legal_obligation"]
        for index in 0..<purposes {
            let basis = bases[index % bases.count]
            let used = (0..<4).map { "user.contact.custom_\((index * 4 + $0) % categories)" }.joined(separator: ", ")
            let retention =
                basis == "consent" ? "until-withdrawn" : basis == "legal_obligation" ? "accounting" : "after-contract"
            text += """
                  - id: purpose-\(index)
                    use: essential.service
                    label:
                      en: Purpose number \(index)
                      lv: Nolūks numur \(index)
                    description:
                      en: We process the listed data for purpose number \(index) and for nothing else.
                      lv: Mēs apstrādājam norādītos datus nolūkam numur \(index) un nekam citam.
                    legal_basis: \(basis)
                    data_subjects: [customer]
                    categories: [\(used)]
                    retention: \(retention)

                """
            if basis == "legitimate_interests" {
                text += """
                        legitimate_interest:
                          en: Our interest \(index)
                          lv: Mūsu intereses \(index)

                    """
            }
        }
        text += """
            retention_rules:
              - id: after-contract
                kind: end_of_relationship
                period: P3Y
              - id: until-withdrawn
                kind: until_consent_withdrawn
              - id: accounting
                kind: legal_obligation
                period: P5Y
                counted_from: end_of_financial_year
                law:
                  en: Accounting Law
                  lv: Grāmatvedības likums
            recipients:
              - id: hosting
                name: Hosting SIA
                role: processor
                purposes: [purpose-0, purpose-1]
                categories: [user.contact.custom_0]
                countries: [LV]
            rules:
              minimum_age: 18

            """
        return text
    }
}
