import Testing
@testable import SargsCore

/// Which requests must be signed, per channel and type (the Coral Travel LT/EE/LV rule), and which
/// signature meets which requirement (eIDAS Regulation (EU) No 910/2014 Art. 25(2)).
@Suite("Signature rules")
struct SignatureRuleTests {
    @Test(
        """
        Coral Travel LT (seed 004 l.150): e-mailed requests need an electronic \
        signature (a qualified one meets it too); web and post requests do not
        """
    )
    func coralTravel() throws {
        let rules = try TestFiles.validPolicy("examples/coral-travel/lithuania.yaml").rules.requests
        #expect(rules.signature(for: .email, type: .erasure) == .electronic)
        #expect(
            RequestRules.SignatureRequirement.qualifiedElectronic.satisfies(
                rules.signature(for: .email, type: .erasure)))
        // The web is electronic too: a form verified by an e-mailed code does not bypass the rule (issue 21 item 8).
        #expect(rules.signature(for: .web, type: .erasure) == .electronic)
        #expect(rules.signature(for: .post, type: .access) == .none)
    }

    @Test("A web channel may declare its own rule: signature none lets a web request be verified by its code")
    func webOwnRule() throws {
        let outcome = try TestFiles.variant([
            (
                "    channels:\n      - kind: email\n        address: privacy@example.lv\n",
                """
                    email_signature: electronic
                    channels:
                      - kind: email
                        address: privacy@example.lv

                """
                    + "      - kind: web\n        address: https://example.lv/privacy\n        signature: none\n"
            )
        ])
        let rules = try #require(outcome.policy?.rules.requests, "\(outcome.diagnostics.map(\.formatted))")
        #expect(rules.signature(for: .email, type: .erasure) == .electronic)
        #expect(rules.signature(for: .web, type: .erasure) == .none)
    }

    @Test("A channel's own rule overrides email_signature, and exempt types need none")
    func perChannel() throws {
        let outcome = try TestFiles.variant([
            (
                "    channels:\n      - kind: email\n",
                """
                    channels:
                      - kind: email
                        signature: handwritten
                        signature_exempt: [access]

                """
            )
        ])
        let rules = try #require(outcome.policy?.rules.requests, "\(outcome.diagnostics.map(\.formatted))")
        #expect(rules.signature(for: .email, type: .erasure) == .handwritten)
        #expect(rules.signature(for: .email, type: .access) == .none)
    }

    @Test(
        """
        eIDAS Art. 25(2): a qualified electronic signature meets \
        every requirement; an electronic one meets only the electronic
        """
    )
    func satisfaction() {
        typealias Signature = RequestRules.SignatureRequirement
        #expect(
            Signature.qualifiedElectronic.satisfies(.electronic)
                && Signature.qualifiedElectronic.satisfies(.handwritten))
        #expect(Signature.electronic.satisfies(.electronic) && !Signature.electronic.satisfies(.qualifiedElectronic))
        #expect(!Signature.handwritten.satisfies(.qualifiedElectronic) && Signature.handwritten.satisfies(.handwritten))
        #expect(Signature.electronic.satisfies(.none))
    }
}
