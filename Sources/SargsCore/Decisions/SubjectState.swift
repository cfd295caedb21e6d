import Foundation

/// What the decision engine knows about one data subject at a moment: no personal values,
/// only the facts that decide whether a use is lawful.
public struct SubjectState: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case active
        /// Erased: only a tombstone remains; nothing may be used.
        case erased
    }

    public var status: Status
    /// Known date of birth, for the age rules (GDPR Art. 8; the policy's minimum age).
    public var birthDate: CivilDate?
    /// The consent ledger, in any order; the latest event per purpose and channel wins.
    public var consents: [ConsentEvent]
    public var relationships: [Relationship]
    public var objections: [Objection]
    public var restrictions: [Restriction]
    /// The categories the subject holds values of, each with the purposes that may still read it
    /// when retention archived it (nil while it is live). Empty when nothing is held or unknown.
    public var stored: [String: Set<String>?]

    public init(
        status: Status = .active, birthDate: CivilDate? = nil, consents: [ConsentEvent] = [],
        relationships: [Relationship] = [], objections: [Objection] = [], restrictions: [Restriction] = [],
        stored: [String: Set<String>?] = [:]
    ) {
        self.stored = stored
        self.status = status
        self.birthDate = birthDate
        self.consents = consents
        self.relationships = relationships
        self.objections = objections
        self.restrictions = restrictions
    }
}

/// One entry of the append-only consent ledger.
public struct ConsentEvent: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        case given
        case withdrawn
    }

    public var purpose: String
    /// The channel the consent is for; nil means every channel of the purpose.
    public var channel: ContactChannel?
    public var state: State
    public var at: Date
    /// The `policy.version` the consent was given under; nil when unknown.
    public var policyVersion: String?
    /// True when a holder of parental responsibility gave it for a child (GDPR Art. 8(1)); nil or
    /// false when the subject gave it.
    public var byParentalAuthority: Bool?

    public init(
        purpose: String, channel: ContactChannel? = nil, state: State, at: Date, policyVersion: String? = nil,
        byParentalAuthority: Bool? = nil
    ) {
        self.purpose = purpose
        self.channel = channel
        self.state = state
        self.at = at
        self.policyVersion = policyVersion
        self.byParentalAuthority = byParentalAuthority
    }
}

/// A contract or similar relationship, which carries contract-based purposes (Art. 6(1)(b)).
public struct Relationship: Sendable, Hashable, Codable {
    public var kind: String
    public var start: Date
    public var end: Date?

    public init(kind: String, start: Date, end: Date? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    public func isActive(at now: Date) -> Bool { start <= now && (end.map { now < $0 } ?? true) }
}

/// An objection (Art. 21). With no purpose it covers every purpose it can cover.
public struct Objection: Sendable, Hashable, Codable {
    public var purpose: String?
    /// An objection to direct marketing: absolute, covering every marketing purpose (Art. 21(2)-(3)).
    public var directMarketing: Bool
    public var since: Date

    public init(purpose: String? = nil, directMarketing: Bool = false, since: Date) {
        self.purpose = purpose
        self.directMarketing = directMarketing
        self.since = since
    }
}

/// A restriction of processing (Art. 18). With no purpose it covers all processing.
public struct Restriction: Sendable, Hashable, Codable {
    public var purpose: String?
    public var since: Date
    /// Lifting is a separate recorded act (Art. 18(3): the subject is told first).
    public var liftedAt: Date?

    public init(purpose: String? = nil, since: Date, liftedAt: Date? = nil) {
        self.purpose = purpose
        self.since = since
        self.liftedAt = liftedAt
    }

    public func isActive(at now: Date) -> Bool { since <= now && (liftedAt.map { now < $0 } ?? true) }
}
