import SargsCore

extension VerificationChallenge.Outcome {
    /// The problem to answer for a code that did not verify, on field `code`; nil when it did.
    /// - Parameters:
    ///   - renewal: how to get a new code, e.g. "ask for a new one".
    ///   - done: what an already used code means, e.g. "the request is already verified".
    public func problem(renewal: String, done: String) -> DomainError? {
        switch self {
        case .verified: return nil
        case .wrongCode(let remaining): return .invalid("code", "the code is wrong; \(remaining) attempt(s) left")
        case .lockedOut: return .rateLimited("code", "too many wrong codes: this code no longer works; \(renewal)")
        case .expired: return .invalid("code", "the code has expired; \(renewal)")
        case .alreadyVerified: return .conflict("code", done)
        }
    }
}
