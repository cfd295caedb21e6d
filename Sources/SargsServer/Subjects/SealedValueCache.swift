import Foundation

/// Where a purpose-bound read may keep a subject's sealed values between reads (the decision
/// facts cache does): values are served only at the facts version they were read at, and kept
/// only if no write committed since `epoch` was taken.
protocol SealedValueCache: Sendable {
    /// Whether entries are compared with the database's facts version before they are served.
    var checksVersions: Bool { get }
    /// The invalidation counter, taken before a read whose result may be kept.
    var epoch: Int { get }
    func sealed(of subject: UUID, atVersion version: Int?) -> SealedSubject?
    func store(_ sealed: SealedSubject, for subject: UUID, version: Int, readSince epoch: Int)
}
