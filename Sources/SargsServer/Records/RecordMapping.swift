import Foundation
import SargsCore
import SargsKit

extension DisclosureBody {
    func command() -> RecordDisclosure {
        RecordDisclosure(recipient: recipient, purpose: purpose, categories: categories)
    }
}

extension HoldBody {
    func command() throws -> AddHold {
        AddHold(reason: reason, categories: categories, until: try AddHold.date(until))
    }
}

extension AddHold {
    /// The end of a hold as the API and the console's form give it (`YYYY-MM-DD`, none when empty).
    static func date(_ text: String?) throws -> CivilDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = CivilDate(iso: text) else { throw DomainError.invalid("until", "must be a date YYYY-MM-DD") }
        return date
    }
}

extension EndpointView {
    init(_ endpoint: RecipientEndpoint) {
        self.init(recipient: endpoint.recipient, url: endpoint.url, secret: endpoint.secret.base64EncodedString())
    }
}

extension DomainError {
    /// A disclosure the decision refuses, with the reason and the article behind it.
    static func disclosureRefused(purpose: String, _ reason: Decision.Reason) -> DomainError {
        .invalid(
            "purpose",
            "the data may not be disclosed for purpose '\(purpose)' now: \(reason.rawValue) "
                + "(\(RecordService.article(of: reason)))")
    }
}
