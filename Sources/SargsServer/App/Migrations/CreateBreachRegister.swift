import Fluent

/// Migration 005: the breach register (GDPR Art. 33(5)) and the subjects known to be affected.
struct CreateBreachRegister: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BreachModel.schema)
            .id()
            .field("discovered_at", .datetime, .required)
            .field("recorded_at", .datetime, .required)
            .field("nature", .data, .required)
            .field("categories", .string, .required)
            .field("approximate_subjects", .int, .required)
            .field("approximate_records", .int, .required)
            .field("consequences", .data, .required)
            .field("measures", .data, .required)
            .field("authority_notified_at", .datetime)
            .field("delay_reasons", .data)
            .field("high_risk", .bool)
            .field("subjects_exception", .string)
            .field("subjects_informed_at", .datetime)
            .field("subjects_messaged", .int, .required)
            .field("closed_at", .datetime)
            .field("not_notified_reason", .data)
            .create()
        try await database.schema(BreachSubjectModel.schema)
            .id()
            .field("breach_id", .uuid, .required, .references(BreachModel.schema, "id", onDelete: .cascade))
            .field("subject_id", .uuid, .required, .references(SubjectModel.schema, "id", onDelete: .cascade))
            .unique(on: "breach_id", "subject_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BreachSubjectModel.schema).delete()
        try await database.schema(BreachModel.schema).delete()
    }
}
