import Fluent
import Foundation
import SargsKit
import SQLKit

extension SealedSubject {
    /// The subject row and its values of `categories` (all when nil) in one statement; nil when there is no such
    /// subject.
    static func read(_ id: UUID, categories: [String]?, on database: any Database) async throws -> SealedSubject? {
        let only: SQLQueryString
        switch categories {
        case nil: only = ""
        case let categories? where categories.isEmpty: only = "AND 1 = 0"
        case let categories?: only = "AND d.category IN (\(binds: categories))"
        }
        let rows = try await JobLease.sql(database).raw(
            """
            SELECT s.wrapped_key, d.category, d.ciphertext FROM \(ident: SubjectModel.schema) s
            LEFT JOIN \(ident: DataItemModel.schema) d ON d.subject_id = s.id \(only)
            WHERE s.id = \(bind: id)
            """
        ).all()
        guard let first = rows.first else { return nil }
        var sealed = SealedSubject(wrappedKey: try first.decode(column: "wrapped_key", as: Data?.self), values: [:])
        for row in rows {
            guard let category = try row.decode(column: "category", as: String?.self) else { continue }
            sealed.values[category] = try row.decode(column: "ciphertext", as: Data.self)
        }
        return sealed
    }
}
