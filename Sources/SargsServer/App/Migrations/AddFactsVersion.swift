import Fluent
import FluentSQL
import SQLKit

/// Migration 020: a subject's facts version, bumped in the transaction of every write that
/// changes its decision facts or values (`FactsVersions`), so an instance serves cached facts only
/// while no instance has changed them (`DecisionFactsCache` in versioned mode, on PostgreSQL).
struct AddFactsVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SubjectModel.schema).field("facts_version", .int64, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SubjectModel.schema).deleteField("facts_version").update()
    }
}
