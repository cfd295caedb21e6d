/// The structure of a fideslang dataset file, for structural checking with line and column. Keys
/// Fides knows that Sargs does not use are accepted (they are warnings, not errors), so a Fides
/// user's files load as they are.
public enum DatasetSchema {
    public static let root: Schema = .object(
        ObjectSchema("A fideslang dataset file.", [.required("dataset", .array(dataset, minItems: 1))]))

    static let categories: Schema = .array(
        .string(.text, description: "A fideslang data category, e.g. user.contact.email."))

    static let dataset: Schema = .object(
        ObjectSchema(
            "A dataset: usually one database.",
            [
                .required("fides_key", .string(.text, description: "The dataset's key, used by references.")),
                .optional("name", .string(.text, description: "A name for people.")),
                .optional("description", .string(.text, description: "What the dataset holds.")),
                .optional("organization_fides_key", .string(.text, description: "Fides' organisation key (unused).")),
                .optional("data_categories", categories),
                .required("collections", .array(collection, minItems: 1)),
            ]))

    static let collection: Schema = .object(
        ObjectSchema(
            "A collection: a table.",
            [
                .required("name", .string(.text, description: "The table's name.")),
                .optional("description", .string(.text, description: "What the table holds.")),
                .optional("data_categories", categories),
                .optional("fides_meta", collectionMeta),
                .required("fields", .array(field(depth: 3))),
            ]))

    static let collectionMeta: Schema = .object(
        ObjectSchema(
            "What Fides records about a collection.",
            [.optional("masking_strategy_override", .object(maskingStrategy))]))

    static let maskingStrategy = ObjectSchema(
        "How an erasure masks the collection's rows.",
        [
            .required(
                "strategy",
                .string(
                    .enumeration(["delete", "null_rewrite"]),
                    description: "delete removes the rows; null_rewrite (the default) empties the personal fields.")),
            .optional("configuration", .object(ObjectSchema("Fides' options (unused).", []))),
        ])

    /// A field, with nested fields `depth` levels down (document stores).
    static func field(depth: Int) -> Schema {
        var properties: [Property] = [
            .required("name", .string(.text, description: "The column's name.")),
            .optional("description", .string(.text, description: "What the column holds.")),
            .optional("data_categories", categories),
            .optional("fides_meta", fieldMeta),
        ]
        if depth > 0 { properties.append(.optional("fields", .array(field(depth: depth - 1)))) }
        return .object(ObjectSchema("A field: a column.", properties))
    }

    static let fieldMeta: Schema = .object(
        ObjectSchema(
            "What Fides records about a field.",
            [
                .optional(
                    "identity",
                    .string(
                        .text, description: "The subject identity the field holds: email, phone_number or external_id.")
                ),
                .optional("primary_key", .boolean(description: "Whether the field is the table's primary key.")),
                .optional("data_type", .string(.text, description: "The field's type, e.g. string.")),
                .optional("length", .integer(minimum: 0, maximum: nil, description: "The field's length.")),
                .optional("return_all_elements", .boolean(description: "Fides' array handling (unused).")),
                .optional("read_only", .boolean(description: "Whether the field must never be written (unused).")),
                .optional("references", .array(reference)),
            ]))

    static let reference: Schema = .object(
        ObjectSchema(
            "A field this one points at.",
            [
                .required("dataset", .string(.text, description: "The referenced dataset's fides_key.")),
                .required("field", .string(.text, description: "collection.field in that dataset.")),
                .optional("direction", .string(.enumeration(["from", "to"]), description: "from or to.")),
            ]))
}
