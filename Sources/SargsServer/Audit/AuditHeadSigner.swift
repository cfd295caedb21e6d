import Fluent
import Foundation
import Logging
import SargsCore
import SargsKit
import Vapor

/// Signs the audit chain's head outside the database while `sargs serve` runs: every few seconds
/// when entries were added, and once more at a clean shutdown. Nothing of it runs on the write
/// path; a round that finds the newest entry already signed costs one small query.
///
/// It signs only what it has checked: the entries from the head signed before (read back from the
/// sink, so instances sharing it extend each other's heads) to the newest, each linked and keyed.
/// A chain that no longer holds the signed head (entries removed or rewritten), or whose new
/// entries do not verify, is not signed: the error is logged once and the old head stays, so
/// `sargs audit verify` reports the break. After a deliberate restore of an older backup the
/// operator checks the chain and moves the head file aside; the next round signs anew.
public actor AuditHeadSigner {
    let key: AuditChainKey
    let sink: any AuditHeadSink
    let clock: ServerClock
    let logger: Logger
    /// The newest entry found signed at the last round: while it is still the newest, nothing is read.
    private var signed: (sequence: Int64, hash: String)?
    /// The refusal logged last, so a break that stays is logged once, not every round.
    private var refusal: String?

    init(key: AuditChainKey, sink: any AuditHeadSink, clock: ServerClock, logger: Logger) {
        self.key = key
        self.sink = sink
        self.clock = clock
        self.logger = logger
    }

    /// What one round did.
    public enum Outcome: Sendable, Equatable {
        /// The chain has no entries yet.
        case empty
        /// The newest entry is already signed (by this process or another sharing the sink).
        case unchanged
        /// A new head was stored.
        case signed(AuditHead)
        /// The chain does not extend the stored head, or its new entries do not verify: nothing was stored.
        case refused(AuditChain.Verification)
    }

    /// Signs the newest entry if it is not signed yet and the chain up to it verifies from the last
    /// signed head (from the first entry when there is none).
    @discardableResult
    public func signIfNeeded(on database: any Database) async throws -> Outcome {
        guard let newest = try await AuditLog.currentHead(database) else { return .empty }
        if let signed, signed == newest { return .unchanged }
        let stored = try await sink.latest()
        if let stored, let broken = AuditChain.check(stored, key: key) { return refuse(broken) }
        var verifier: AuditChain.Verifier
        if let stored {
            if stored.sequence == newest.sequence, stored.hash == newest.hash {
                signed = newest
                return .unchanged
            }
            guard stored.sequence <= newest.sequence else {
                return refuse(
                    .broken(
                        sequence: stored.sequence,
                        reason: "the signed head names entry \(stored.sequence) but the chain ends at "
                            + "entry \(newest.sequence): entries were removed (truncated)"))
            }
            verifier = AuditChain.Verifier(key: key, resumingAt: stored)
        } else {
            verifier = AuditChain.Verifier(key: key)
        }
        if let broken = try await AuditLog.check(
            &verifier, from: stored?.sequence, through: newest.sequence, on: database)
        {
            return refuse(broken)
        }
        let result = verifier.finish()
        guard case .intact = result else { return refuse(result) }
        // What was read and checked, which is the newest entry unless someone changed it meanwhile.
        guard let last = verifier.last else { return .empty }
        let head = try key.signHead(sequence: last.sequence, hash: last.hash, at: clock.now)
        // Another instance sharing the sink may have stored a later head meanwhile: never move it back.
        if let latest = try await sink.latest(), latest.sequence >= head.sequence {
            signed = (latest.sequence, latest.hash)
            return .unchanged
        }
        try await sink.store(head)
        signed = (head.sequence, head.hash)
        refusal = nil
        return .signed(head)
    }

    /// One round of the loop: failures are logged (by type, or the head's place, never with data)
    /// and retried next round.
    func tick(on database: any Database) async {
        do {
            try await signIfNeeded(on: database)
        } catch let error as AuditHeadError {
            logger.error("the audit head could not be signed", metadata: ["problem": "\(error.description)"])
        } catch {
            logger.error("the audit head could not be signed", metadata: ["type": "\(type(of: error))"])
        }
    }

    /// Signs every `every` until the task is cancelled.
    nonisolated func loop(
        database: @escaping @Sendable () -> any Database, every: Duration = .seconds(5)
    ) -> Task<Void, Never> {
        repeatedly(every: every) { await self.tick(on: database()) }
    }

    private func refuse(_ verification: AuditChain.Verification) -> Outcome {
        signed = nil
        let text = "\(verification)"
        if refusal != text {
            refusal = text
            var metadata: Logger.Metadata = ["head": "\(sink.location)"]
            if case .broken(let sequence, let reason) = verification {
                metadata["entry"] = "\(sequence)"
                metadata["reason"] = "\(reason)"
            }
            logger.error(
                "the audit chain does not extend its signed head: not signing; run `sargs audit verify`",
                metadata: metadata)
        }
        return .refused(verification)
    }
}

extension Application {
    struct AuditHeadSignerKey: StorageKey {
        typealias Value = AuditHeadSigner
    }

    /// Signs the audit chain's head while the server runs; nil when no head sink is configured.
    public var auditHeadSigner: AuditHeadSigner? {
        get { storage[AuditHeadSignerKey.self] }
        set { storage[AuditHeadSignerKey.self] = newValue }
    }
}
