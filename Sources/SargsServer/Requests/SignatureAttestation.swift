import Foundation
import SargsCore

/// Staff's record of a validated signature on a request (Coral Travel LT/EE/LV: requests sent by
/// e-mail must carry a qualified electronic signature). The signer's name is personal data: it
/// goes only into the request's sealed history, never into the audit chain.
struct SignatureAttestation {
    let kind: RequestRules.SignatureRequirement
    let note: String

    init(
        _ signature: RequestVerification.Signature?, required: RequestRules.SignatureRequirement, today: CivilDate
    )
        throws
    {
        guard let signature else { throw DomainError.signatureMissing(required) }
        let kind = signature.kind
        guard kind.satisfies(required) else { throw DomainError.signature(kind, doesNotMeet: required) }
        let signer = signature.signer.trimmingCharacters(in: .whitespaces)
        guard !signer.isEmpty, signer.count <= 200 else {
            throw DomainError.invalid("attestation.signature.signer", "must be 1-200 characters")
        }
        let validatedOn = signature.validatedOn ?? today
        guard validatedOn <= today else {
            throw DomainError.invalid("attestation.signature.validated_on", "must not be in the future")
        }
        self.kind = kind
        note = Self.note(kind: kind, signer: signer, validatedOn: validatedOn)
    }
}
