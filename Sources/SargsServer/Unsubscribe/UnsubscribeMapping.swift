import SargsCore
import SargsKit

extension DomainError {
    /// A purpose one cannot unsubscribe from: only consent and direct marketing on legitimate interests.
    static func notUnsubscribable(_ purpose: Purpose) -> DomainError {
        .invalid(
            "purpose",
            "purpose '\(purpose.id)' rests on \(purpose.legalBasis.rawValue): only consent purposes and "
                + "direct marketing on legitimate interests can be unsubscribed from")
    }
}
