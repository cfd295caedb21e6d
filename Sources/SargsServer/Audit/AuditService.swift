import Fluent
import Foundation
import SargsCore
import SargsKit

/// Reading the audit trail a page at a time, and verifying the whole chain.
struct AuditService: Sendable {
    /// Holds the audit key (keyed entries) and the head sink.
    let audit: AuditLog

    /// A page of entries, oldest first, after sequence `after`, optionally for one subject, one
    /// actor (`key:<id>`, `staff:<id>`, `cli`, …) or one action (`request.approve`). Only
    /// the returned entries are verified (hashes and links between neighbours); the full chain is
    /// verified by `verifyChain` (`GET /v1/audit/verify`, `sargs audit verify`).
    func page(
        subject: UUID?, actor: String? = nil, action: AuditAction? = nil, after: Int64?, limit: Int?,
        on database: any Database
    ) async throws -> AuditPage {
        var query = AuditEntryModel.query(on: database).sort(\.$id, .ascending)
        if let subject {
            query = query.filter(\.$subjectID == subject)
        }
        if let actor, !actor.isEmpty { query = query.filter(\.$actor == actor) }
        if let action { query = query.filter(action: action) }
        if let after { query = query.filter(\.$id > after) }
        let limit = min(max(limit ?? 100, 1), 1_000)
        let rows = try await query.limit(limit + 1).all().map(\.entry)
        let page = Array(rows.prefix(limit))
        let verification: String
        switch AuditChain.verifyPage(page, key: audit.key) {
        case .intact(let count): verification = "intact (\(count) entries on this page)"
        case .broken(let sequence, let reason): verification = "broken at entry \(sequence): \(reason)"
        }
        return AuditPage(
            entries: page.map(AuditPage.Entry.init), verification: verification,
            nextAfter: rows.count > limit ? page.last?.sequence : nil)
    }

    /// Reads the whole chain in order and verifies it, and against the signed head kept outside the database.
    func verifyChain(on database: any Database) async throws -> AuditVerification {
        let check: AuditCheck
        do {
            check = try await audit.verify(on: database)
        } catch is AuditHeadError {
            // The place of the file is for the operator's log and command line, not the API.
            return AuditVerification(
                intact: false, entries: nil, brokenAt: nil,
                reason: "the signed audit head cannot be read (it is not a signed head)", warning: nil,
                signedThrough: nil)
        }
        switch check.verification {
        case .intact(let count):
            return AuditVerification(
                intact: true, entries: count, brokenAt: nil, reason: nil, warning: check.warning,
                signedThrough: check.signedHead?.sequence)
        case .broken(let sequence, let reason):
            return AuditVerification(
                intact: false, entries: nil, brokenAt: sequence, reason: reason, warning: nil,
                signedThrough: check.signedHead?.sequence)
        }
    }
}
