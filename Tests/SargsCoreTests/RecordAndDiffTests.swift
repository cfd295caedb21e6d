import Foundation
import Testing
@testable import SargsCore

@Suite("Record of processing (GDPR Art. 30(1))")
struct RecordTests {
    @Test(
        """
        Art. 30(1)(a)-(g): controller and DPO, purposes, subjects and \
        categories, recipients, transfers, erasure limits, measures
        """
    )
    func fields() throws {
        let policy = try TestFiles.validPolicy("examples/coral-travel/latvia.yaml")
        let record = try RecordOfProcessing(policy: policy, language: "en")
        #expect(
            record.headers == [
                "Purpose of processing", "Legal basis", "Categories of data subjects", "Categories of personal data",
                "Categories of recipients", "Transfers to third countries and safeguards", "Time limits for erasure",
                "Technical and organisational security measures",
            ])
        #expect(record.controller.contains("CORAL TRAVEL Latvia SIA"))
        // Seed 004 names no DPO for Latvia; Coral Club's names its department (l.20).
        #expect(!record.controller.contains("Data protection officer"))
        #expect(
            try RecordOfProcessing(policy: try TestFiles.validPolicy("examples/coral-club.yaml"), language: "en")
                .controller
                .contains("Data protection officer"))
        let contract = try #require(record.rows.first)
        #expect(
            contract[0]
                == "Concluding and performing the package travel contract [package-travel-contract, essential.service]")
        #expect(contract[2] == "Customers, passengers and travellers")
        #expect(
            contract[5].contains(
                "Processors in destination countries → Türkiye, Egypt: standard contractual clauses"))
        #expect(contract[6].hasPrefix("10 years after our relationship with you ends."))
        #expect(contract[7].contains("physically protected"))
    }

    @Test("CSV quotes commas, quotes and line breaks (RFC 4180)")
    func csv() throws {
        let policy = try TestFiles.validPolicy("examples/minimal.yaml")
        let record = try RecordOfProcessing(policy: policy, language: "en")
        let csv = RecordWriter.csv(record)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + policy.purposes.count)
        #expect(lines[0].hasPrefix("\"Controller, joint controllers, representative and DPO\",Purpose of processing"))
        #expect(RecordWriter.csvField("a \"b\", c") == "\"a \"\"b\"\", c\"")
        #expect(RecordWriter.csvField("plain") == "plain")
    }
}

@Suite("Policy diff")
struct PolicyDiffTests {
    @Test("No changes between a policy and itself")
    func identical() throws {
        let policy = try TestFiles.validPolicy("examples/coral-club.yaml")
        #expect(PolicyDiff(old: policy, new: policy).isEmpty)
    }

    @Test(
        """
        Material changes: purpose added, legal basis changed, category \
        added, recipient removed, retention and transfer changed
        """
    )
    func materialChanges() throws {
        let old = try TestFiles.validPolicy("examples/coral-travel/latvia.yaml")
        var new = old
        new.policy.version = "2025-01"
        new.purposes[4].legalBasis = .consent
        new.purposes[4].legitimateInterest = nil
        new.purposes[0].categories.append("user.contact.email")
        new.purposes.append(
            Purpose(
                id: "loyalty", use: "marketing", label: LocalizedText(neutral: "Loyalty"),
                description: LocalizedText(neutral: "Loyalty"), legalBasis: .consent,
                specialCategoryCondition: nil, legitimateInterest: nil, dataSubjects: [],
                categories: ["user.contact.email"],
                channels: [.email], requirement: nil, automatedDecision: nil, source: nil,
                retention: "until-consent-withdrawn",
                legalClaims: false))
        new.recipients.removeFirst()
        new.recipients[0].transfer?.safeguard = .bindingCorporateRules
        new.retentionRules[0].period = "P5Y"
        let diff = PolicyDiff(old: old, new: new)
        let summaries = diff.changes.map(\.summary)
        #expect(summaries.contains("+ purpose loyalty (marketing, consent)"))
        #expect(summaries.contains("~ legal_basis service-quality: legal_basis legitimate_interests → consent"))
        #expect(summaries.contains("+ purpose package-travel-contract: categories user.contact.email"))
        #expect(summaries.contains("- recipient service-processors"))
        #expect(
            summaries.contains(
                """
                ~ transfer destination-processors: safeguard standard_contractual_clauses → binding_corporate_rules
                """))
        #expect(
            summaries.contains(
                """
                ~ retention package-travel-contract: retention end_of_relationship \
                P10Y, then delete → end_of_relationship P5Y, then delete
                """
            ))
        #expect(diff.text.hasPrefix("Material changes from 2024-01 to 2025-01:"))
        let json = try JSONDecoder().decode(PolicyDiff.self, from: Data(JSONText.pretty(diff).utf8))
        #expect(json == diff)
    }
}

@Suite("JSON Schema")
struct SchemaTests {
    @Test("The schema is JSON with the policy's top-level keys and closed objects")
    func schema() throws {
        let text = JSONSchemaExport.policySchemaJSON()
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        guard case .object(let root) = json, case .object(let properties)? = root["properties"] else {
            Issue.record("schema root is not an object with properties"); return
        }
        #expect(root["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(
            Set(properties.keys).isSuperset(of: [
                "sargs", "policy", "controllers", "purposes", "retention_rules", "recipients", "cookies", "rules",
            ]))
        #expect(root["additionalProperties"] == .bool(false))
        guard case .array(let required)? = root["required"] else { Issue.record("no required list"); return }
        #expect(required.contains(.string("purposes")))
        #expect(!required.contains(.string("recipients")))
    }

    @Test("Enumerations in the schema come from the model's own cases")
    func enumerations() throws {
        let text = JSONSchemaExport.policySchemaJSON()
        for basis in LegalBasis.allCases { #expect(text.contains("\"\(basis.rawValue)\"")) }
        for kind in RetentionRule.Kind.allCases { #expect(text.contains("\"\(kind.rawValue)\"")) }
    }
}
