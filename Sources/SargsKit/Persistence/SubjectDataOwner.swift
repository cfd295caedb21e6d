import Fluent
import Foundation
import SargsCore

/// What one feature holds about subjects, declared in that feature beside its models and
/// registered by the composition root (`App/SubjectDataRegistry`). Crypto-shredding (Art. 17)
/// and the access export (Art. 15, 20) walk every registered owner, so no feature reaches into
/// another's tables to erase or export them.
public protocol SubjectDataOwner: Sendable {
    /// The tables this owner keeps rows about subjects in; a test checks that every table with a
    /// `subject_id` column is owned by someone or kept on purpose.
    var tables: [String] { get }

    /// Deletes, or strips of every personal detail, the rows about `subjects`, in the caller's
    /// transaction (the erasure's, which is audited and deletes securely).
    func shred(_ subjects: [UUID], on database: any Database) async throws

    /// Adds what this owner holds about `subject` to its export package.
    func export(_ subject: UUID, into export: inout SubjectExport, on database: any Database) async throws
}

extension SubjectDataOwner {
    /// By default an owner adds nothing to the export.
    public func export(_ subject: UUID, into export: inout SubjectExport, on database: any Database) async throws {}
}
