import Foundation

/// A consent in force that will reach its rule's maximum period soon: the subject may be asked
/// to renew it before it lapses (EDPB Guidelines 05/2020 §110-111: refresh consent at
/// appropriate intervals).
public struct ConsentRenewalDue: Sendable, Hashable {
    public var purpose: String
    /// When the consent in force was given (identifies it: a renewal gives a new one).
    public var givenAt: Date
    /// The moment it expires (`DecisionEngine.consentExpiry`).
    public var expiresAt: Date
}

extension DecisionEngine {
    /// The consent purposes whose consent in force expires after `now` and within `days` days, one
    /// per purpose (the earliest expiry among its channels), in purpose order.
    public func renewalsDue(_ consents: [ConsentEvent], within days: Int, at now: Date) -> [ConsentRenewalDue] {
        let horizon = now.addingTimeInterval(Double(days) * 86_400)
        var due: [String: ConsentRenewalDue] = [:]
        for entry in ConsentLedger.current(consents.filter { $0.at <= now }) where entry.state == .given {
            guard let expiry = consentExpiry(purpose: entry.purpose, givenAt: entry.since), expiry > now,
                expiry <= horizon
            else { continue }
            if due[entry.purpose].map({ expiry < $0.expiresAt }) ?? true {
                due[entry.purpose] = ConsentRenewalDue(purpose: entry.purpose, givenAt: entry.since, expiresAt: expiry)
            }
        }
        return due.keys.sorted().map { due[$0]! }
    }
}
