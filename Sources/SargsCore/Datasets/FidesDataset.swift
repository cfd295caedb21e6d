import Foundation

/// A fideslang dataset file as Ethyca Fides writes it: datasets, their collections (tables) and
/// fields (columns), with the data categories each field holds, the subject identities a field
/// carries (`fides_meta.identity`) and the references between fields. Sargs reads such files as
/// they are, so a Fides user's datasets work unchanged.
public struct FidesDatasetFile: Sendable, Hashable, Codable {
    public var dataset: [FidesDataset]
}

/// One dataset: usually one database.
public struct FidesDataset: Sendable, Hashable, Codable {
    public var fidesKey: String
    public var name: String?
    public var description: String?
    public var dataCategories: [String]?
    public var collections: [FidesCollection]
}

/// One collection: a table.
public struct FidesCollection: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    public var dataCategories: [String]?
    public var fidesMeta: FidesCollectionMeta?
    public var fields: [FidesField]
}

/// What Fides records about a collection: how an erasure masks its rows.
public struct FidesCollectionMeta: Sendable, Hashable, Codable {
    public var maskingStrategyOverride: FidesMaskingStrategy?
}

/// `masking_strategy_override`: `delete` removes a subject's rows instead of emptying their fields.
public struct FidesMaskingStrategy: Sendable, Hashable, Codable {
    public var strategy: String
}

/// One field: a column (or, in a document store, a nested field).
public struct FidesField: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    public var dataCategories: [String]?
    public var fidesMeta: FidesFieldMeta?
    public var fields: [FidesField]?
}

/// What Fides records about a field beyond its categories.
public struct FidesFieldMeta: Sendable, Hashable, Codable {
    /// The subject identity this field holds (`email`, `phone_number`, …): where a search for the
    /// subject's rows starts.
    public var identity: String?
    public var primaryKey: Bool?
    public var dataType: String?
    public var references: [FidesReference]?
}

/// A field that points at another: `field` is `collection.field` in `dataset`.
public struct FidesReference: Sendable, Hashable, Codable {
    public var dataset: String
    public var field: String
    public var direction: String?
}
