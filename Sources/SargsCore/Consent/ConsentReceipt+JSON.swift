import Foundation

extension ConsentReceipt {
    /// The receipt's JSON as the Kantara Consent Receipt Specification (KI-CR-v1.1.0) spells its
    /// fields (`consentTimestamp`, `piiPrincipalId`…): a standard document, not the API's snake_case.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
