import Foundation

/// A subject's wrapped data key and sealed values by category, as stored: ciphertexts only, which
/// nothing can open without the master key.
public struct SealedSubject: Sendable, Equatable {
    /// Nil once the subject was crypto-shredded.
    public var wrappedKey: Data?
    public var values: [String: Data]

    /// The most values a subject may have for the decision cache to keep them.
    public static let keptLimit = 64

    public init(wrappedKey: Data?, values: [String: Data]) {
        self.wrappedKey = wrappedKey
        self.values = values
    }
}
