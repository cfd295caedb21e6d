import Foundation
import SargsCore

/// Staff's record of a validated signature on a request (Coral Travel LT/EE/LV: requests sent by
/// e-mail must carry a qualified electronic signature). The signer's name is personal data: it
/// goes only into the request's sealed history, never into the audit chain.
struct SignatureAttestation {
    let kind: RequestRules.SignatureRequirement
    let note: String

    init(_ signature: VerifyBody.Signature?, required: RequestRules.SignatureRequirement, today: CivilDate) throws {
        guard let signature else {
            throw DomainError.malformed(
                "attestation.signature",
                "this request must carry a \(required.rawValue) signature: "
                    + "give its kind, signer, validation and validated_on")
        }
        guard let kind = RequestRules.SignatureRequirement(rawValue: signature.kind), kind != .none else {
            throw DomainError.invalid(
                "attestation.signature.kind", "must be electronic, qualified_electronic or handwritten")
        }
        guard kind.satisfies(required) else {
            throw DomainError.invalid(
                "attestation.signature.kind",
                "a \(kind.rawValue) signature does not meet the required \(required.rawValue) one")
        }
        let signer = signature.signer.trimmingCharacters(in: .whitespaces)
        guard !signer.isEmpty, signer.count <= 200 else {
            throw DomainError.invalid("attestation.signature.signer", "must be 1-200 characters")
        }
        guard signature.validation == "valid" else {
            throw DomainError.invalid(
                "attestation.signature.validation",
                "only a valid signature verifies the request; "
                    + "reject the request with reasons instead (POST /v1/requests/{id}/reject)")
        }
        let validatedOn =
            try signature.validatedOn.map { raw in
                guard let date = CivilDate(iso: raw) else {
                    throw DomainError.invalid("attestation.signature.validated_on", "must be a date, YYYY-MM-DD")
                }
                return date
            } ?? today
        guard validatedOn <= today else {
            throw DomainError.invalid("attestation.signature.validated_on", "must not be in the future")
        }
        self.kind = kind
        note = "signature: \(kind.rawValue), signed by \(signer), valid, validated on \(validatedOn)"
    }
}
