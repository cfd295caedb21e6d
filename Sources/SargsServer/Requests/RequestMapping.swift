import Foundation
import SargsCore
import SargsKit

extension DataRequestSubmission {
    /// A submission from the wire values of any channel; a bad type, channel or date is a 422 naming its field.
    init(
        type: String, subjectID: UUID?, email: String?, language: String, channel: String, details: RequestDetails?,
        representative: Representative?, clientIP: String?, receivedOn: String?
    ) throws {
        guard let parsedType = RequestType(rawValue: type) else {
            throw DomainError.invalid(
                "type", "must be one of \(RequestType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let parsedChannel = RequestChannel.Kind(rawValue: channel) else {
            throw DomainError.invalid(
                "channel", "must be one of \(RequestChannel.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var day: CivilDate?
        if let receivedOn {
            guard let parsed = CivilDate(iso: receivedOn) else {
                throw DomainError.invalid("received_on", "must be a date, YYYY-MM-DD")
            }
            day = parsed
        }
        self.init(
            type: parsedType, subjectID: subjectID, email: email, language: language, channel: parsedChannel,
            details: details, representative: representative, clientIP: clientIP, receivedOn: day)
    }
}

extension SubmitRequestBody {
    func command() throws -> DataRequestSubmission {
        try DataRequestSubmission(
            type: type, subjectID: subjectId, email: email, language: language, channel: channel, details: details,
            representative: representative, clientIP: clientIp, receivedOn: receivedOn)
    }
}

extension VerifyBody {
    /// The code, or staff's attestation; one of them is required.
    func verification() throws -> RequestVerification {
        if let attestation {
            return .attestation(
                .init(
                    method: attestation.method, checked: attestation.checked,
                    signature: try attestation.signature.map {
                        try RequestVerification.Signature(
                            kind: $0.kind, signer: $0.signer, validation: $0.validation, validatedOn: $0.validatedOn)
                    }))
        }
        guard let code else { throw DomainError.malformed("code", "give the one-time code, or an attestation") }
        return .code(code)
    }
}

extension RequestVerification.Signature {
    /// A validated signature from the wire values of the API or the console's form.
    init(kind: String, signer: String, validation: String, validatedOn: String?) throws {
        guard let parsed = RequestRules.SignatureRequirement(rawValue: kind), parsed != .none else {
            throw DomainError.invalid(
                "attestation.signature.kind", "must be electronic, qualified_electronic or handwritten")
        }
        guard validation == "valid" else {
            throw DomainError.invalid(
                "attestation.signature.validation",
                "only a valid signature verifies the request; "
                    + "reject the request with reasons instead (POST /v1/requests/{id}/reject)")
        }
        var day: CivilDate?
        if let validatedOn {
            guard let date = CivilDate(iso: validatedOn) else {
                throw DomainError.invalid("attestation.signature.validated_on", "must be a date, YYYY-MM-DD")
            }
            day = date
        }
        self.init(kind: parsed, signer: signer, validatedOn: day)
    }
}

extension ApproveBody {
    func command() -> DataRequestApproval {
        DataRequestApproval(
            note: note, fee: fee.map { .init(amount: $0.amount, reason: $0.reason) },
            objection: objection.map { .init(purposes: $0.purposes, directMarketing: $0.directMarketing ?? false) })
    }
}

extension SignatureAttestation {
    /// The history note and audit result of an attested signature (the signer only in the sealed note).
    static func note(kind: RequestRules.SignatureRequirement, signer: String, validatedOn: CivilDate) -> String {
        "signature: \(kind.rawValue), signed by \(signer), valid, validated on \(validatedOn)"
    }

    var auditResult: String { "signature:\(kind.rawValue)" }
}

extension DomainError {
    static func signatureMissing(_ required: RequestRules.SignatureRequirement) -> DomainError {
        .malformed(
            "attestation.signature",
            "this request must carry a \(required.rawValue) signature: "
                + "give its kind, signer, validation and validated_on"
        )
    }

    static func signature(
        _ kind: RequestRules.SignatureRequirement, doesNotMeet required: RequestRules.SignatureRequirement
    ) -> DomainError {
        .invalid(
            "attestation.signature.kind",
            "a \(kind.rawValue) signature does not meet the required \(required.rawValue) one")
    }
}

extension RejectionKind: AuditResultPart {}

extension RequestService.ListFilter {
    /// A filter from the query's wire values; an unknown status or type is a 422 naming its field.
    init(status: String?, type: String?, overdue: Bool, limit: Int?, offset: Int?) throws {
        var parsedStatus: Status?
        switch status {
        case nil: parsedStatus = nil
        case "open": parsedStatus = .open
        case "unverified": parsedStatus = .unverified
        case let raw?:
            guard let value = RequestStatus(rawValue: raw) else {
                throw DomainError.invalid(
                    "status",
                    "must be open, unverified or one of "
                        + "\(RequestStatus.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            parsedStatus = .exactly(value)
        }
        var parsedType: RequestType?
        if let type {
            guard let value = RequestType(rawValue: type) else {
                throw DomainError.invalid(
                    "type", "must be one of \(RequestType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            parsedType = value
        }
        self.init(status: parsedStatus, type: parsedType, overdue: overdue, limit: limit, offset: offset)
    }
}

extension DomainError {
    /// A code offered for a request the policy wants signed.
    static func signedRequestNeedsAttestation(
        _ type: RequestType, _ channel: RequestChannel.Kind, _ signature: RequestRules.SignatureRequirement
    ) -> DomainError {
        .conflict(
            "code",
            "a \(type.rawValue) request sent by \(channel.rawValue) must carry a \(signature.rawValue) "
                + "signature (rules.requests): staff attest the signature, or reject the request with reasons")
    }

    /// An objection to a purpose whose basis Art. 21 does not cover.
    static func objectionBasis(_ purpose: Purpose, field: String) -> DomainError {
        let hint = purpose.legalBasis == .consent ? "; ask to withdraw consent instead (Art. 7(3))" : ""
        return .invalid(
            field,
            "purpose '\(purpose.id)' rests on \(purpose.legalBasis.rawValue); an objection "
                + "concerns processing on legitimate interests or a public task, or direct marketing "
                + "(Art. 21(1), (2))\(hint)")
    }
}
