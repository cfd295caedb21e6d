import SargsCore

/// Service keys act only for their purposes, on writes as on reads: a write that establishes or
/// changes a legal basis, or a request that reaches a subject's data, is refused (403) unless the
/// key's purposes cover every purpose it concerns.
extension Principal {
    /// A 403 naming the first purpose outside this caller's scope, if any.
    func requireScope(_ purposes: some Sequence<String>, for what: String) throws {
        if let outside = purposes.first(where: { !mayUse(purpose: $0) }) {
            throw DomainError.forbidden(
                "this service key may not \(what): it concerns purpose '\(outside)', outside the key's purposes")
        }
    }
}

extension Policy {
    /// The purposes a relationship (a contract) grounds: those resting on a contract.
    var contractPurposes: [String] { purposes.filter { $0.legalBasis == .contract }.map(\.id) }

    /// The purposes a data-subject request concerns: those an objection or a withdrawal names (or
    /// every one it can concern), and every purpose for the rights that reach all the data.
    func purposesConcerned(by type: RequestType, purposes named: [String]?) -> [String] {
        let named = named ?? []
        switch type {
        case .objection:
            return named.isEmpty ? purposes.map(\.id) : named
        case .withdrawConsent:
            return named.isEmpty ? purposes.filter { $0.legalBasis == .consent }.map(\.id) : named
        default:
            return purposes.map(\.id)
        }
    }
}
