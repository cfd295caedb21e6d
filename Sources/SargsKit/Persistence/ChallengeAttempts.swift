import Fluent
import Foundation
import SargsCore
import SQLKit

/// A row holding a one-time code challenge: its keyed hash, expiry, failed attempts and the
/// moment it was used (`usedColumn`).
public protocol CodeChallengeRow: Model where IDValue == UUID {
    static var usedColumn: String { get }
    var codeHash: String { get }
    var expiresAt: Date { get }
    var failedAttempts: Int { get }
    var usedAt: Date? { get }
}

extension CodeChallengeRow {
    /// The challenge as read, for `VerificationChallenge.attempt`.
    public var challenge: VerificationChallenge {
        VerificationChallenge(
            id: id!, codeHash: codeHash, expiresAt: expiresAt, failedAttempts: failedAttempts, verifiedAt: usedAt)
    }
}

/// One-time code attempts counted in the database itself, so that guesses sent in parallel each
/// count toward the lock-out and a right code is used once (request verification, pending
/// consents, privacy-center sign-ins).
public enum ChallengeAttempts {
    /// Counts a wrong code; the failed attempts after it, or nil when the challenge was already
    /// locked out or used.
    private static func countFailure(
        table: String, id: UUID, usedColumn: String, on database: any Database
    ) async throws -> Int? {
        try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: table) SET failed_attempts = failed_attempts + 1
            WHERE id = \(bind: id) AND failed_attempts < \(bind: VerificationChallenge.maximumAttempts) \
            AND \(ident: usedColumn) IS NULL
            RETURNING failed_attempts
            """
        ).first()?.decode(column: "failed_attempts", as: Int.self)
    }

    /// Marks the challenge used at `now`; false when it was used or locked out meanwhile. Call it
    /// inside the transaction whose change the code authorises.
    public static func claim<Row: CodeChallengeRow>(
        _: Row.Type, id: UUID, at now: Date, on database: any Database
    ) async throws -> Bool {
        try await JobLease.sql(database).raw(
            """
            UPDATE \(ident: Row.schema) SET \(ident: Row.usedColumn) = \(bind: now)
            WHERE id = \(bind: id) AND \(ident: Row.usedColumn) IS NULL AND \
            failed_attempts < \(bind: VerificationChallenge.maximumAttempts)
            RETURNING id
            """
        ).first() != nil
    }

    /// Checks `code` against `challenge` (as read) and, when it is wrong, counts the failure in the
    /// database; the outcome reflects the count there. A right code is claimed later, with `claim`.
    public static func check<Row: CodeChallengeRow>(
        _ row: Row, code: String, at now: Date, master: MasterKey,
        on database: any Database
    ) async throws -> VerificationChallenge.Outcome {
        let challenge = row.challenge
        var attempt = challenge
        let outcome = attempt.attempt(code, at: now, with: master)
        switch outcome {
        case .wrongCode: break
        // The attempt that reaches the limit is itself a wrong code to count.
        case .lockedOut where challenge.failedAttempts < VerificationChallenge.maximumAttempts: break
        default: return outcome
        }
        return afterFailure(
            try await countFailure(table: Row.schema, id: challenge.id, usedColumn: Row.usedColumn, on: database))
    }

    /// The outcome after counting a wrong code in the database.
    public static func afterFailure(_ failed: Int?) -> VerificationChallenge.Outcome {
        let limit = VerificationChallenge.maximumAttempts
        guard let failed, failed < limit else { return .lockedOut }
        return .wrongCode(remaining: limit - failed)
    }
}
