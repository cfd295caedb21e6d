import Foundation
import SargsCore

/// The whole audit chain checked, and checked against the signed head kept outside the database.
public struct AuditCheck: Sendable, Equatable {
    /// Intact, or the first entry that does not fit and why — an entry altered, a chain recomputed
    /// without the audit key, an unkeyed entry after keyed ones, or a signed head naming an entry
    /// that is missing (truncated) or different (head mismatch).
    public var verification: AuditChain.Verification
    /// The signed head the chain was checked against; nil when there is none yet.
    public var signedHead: AuditHead?
    /// Where the head is kept; nil when no head sink is configured.
    public var headLocation: String?

    public init(verification: AuditChain.Verification, signedHead: AuditHead?, headLocation: String?) {
        self.verification = verification
        self.signedHead = signedHead
        self.headLocation = headLocation
    }

    /// Whether the chain and the signed head (if any) agree.
    public var isIntact: Bool {
        if case .intact = verification { true } else { false }
    }

    /// The caveat of an intact chain without a signed head: entries removed from the end, or a chain
    /// rewritten in full, could not be seen. Nil when a head was checked or the chain is broken.
    public var warning: String? {
        guard isIntact, signedHead == nil else { return nil }
        return
            """
            no signed head yet: entries removed from the end of the chain would \
            not be detected; `sargs serve` signs the head every few seconds
            """
    }
}
