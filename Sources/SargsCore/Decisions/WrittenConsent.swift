/// What counts as consent *in writing* (GDPR Art. 49(1)(a) read with a policy's `written_consent`
/// transfer safeguard; the seeds' "written consent" for transfers): a consent recorded with a
/// written method and with evidence of it — the signed document's or the e-signature's reference.
public enum WrittenConsent {
    /// Consent methods that are written: a signed paper form, an electronic signature (qualified or
    /// not), a signed letter or e-mail with a signature attached.
    public static let methods: Set<String> = [
        "signed_document", "electronic_signature", "qualified_electronic_signature", "signed_letter",
    ]

    /// Whether a consent recorded with `method`, with or without evidence, is written consent.
    public static func isWritten(method: String, hasEvidence: Bool) -> Bool {
        methods.contains(method) && hasEvidence
    }
}
