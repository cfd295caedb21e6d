import Foundation

/// What an erasure does to one dataset's rows about a subject, decided by the same plan as the
/// vault's (`ErasurePlanner`: Art. 17(3) grounds per category): per collection, delete the rows,
/// empty the personal fields whose category is erased, or keep them with the ground.
public struct DatasetErasurePlan: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// The subject's rows are deleted (`masking_strategy_override: {strategy: delete}` and nothing kept).
        case deleteRows
        /// These fields are set to NULL; the others stay.
        case emptyFields([String])
        /// Nothing is erased in this collection: every personal field is kept (or it holds none).
        case none
    }

    /// One collection's part.
    public struct Collection: Sendable, Hashable {
        public var name: String
        public var action: Action
        /// Fields kept, with their category and the grounds (Art. 17(3)) until when.
        public var kept: [KeptField]
    }

    public struct KeptField: Sendable, Hashable {
        public var field: String
        public var category: String
        public var grounds: [ErasurePlan.Ground]
        public var until: CivilDate?
    }

    public var dataset: String
    public var collections: [Collection]

    /// The categories the dataset's personal fields hold, for the planner.
    public static func categories(of dataset: FidesDataset) -> Set<String> {
        Set(
            dataset.collections.flatMap { collection in
                collection.fields.flatMap { fieldCategories($0, in: collection) }
            })
    }

    /// Plans the erasure of `dataset` under `plan` (made for these categories, among the subject's others).
    public init(_ dataset: FidesDataset, plan: ErasurePlan) {
        self.dataset = dataset.fidesKey
        let kept = Dictionary(plan.keep.map { ($0.category, $0) }, uniquingKeysWith: { first, _ in first })
        collections = dataset.collections.map { collection in
            var emptied: [String] = []
            var keptFields: [KeptField] = []
            for field in collection.fields {
                let categories = Self.fieldCategories(field, in: collection)
                guard !categories.isEmpty else { continue }
                // A field holding several categories is kept when any of them is kept.
                if let keep = categories.compactMap({ kept[$0] }).first {
                    keptFields.append(
                        KeptField(field: field.name, category: keep.category, grounds: keep.grounds, until: keep.until))
                } else {
                    emptied.append(field.name)
                }
            }
            let deletes = collection.fidesMeta?.maskingStrategyOverride?.strategy == "delete"
            let action: Action =
                if deletes && keptFields.isEmpty && !emptied.isEmpty {
                    .deleteRows
                } else if emptied.isEmpty {
                    .none
                } else {
                    .emptyFields(emptied)
                }
            return Collection(name: collection.name, action: action, kept: keptFields)
        }
    }

    /// What retention does to `dataset` when the policy no longer justifies `categories` for a
    /// group of subjects: a field is emptied when every category it holds is among them (one still
    /// justified keeps it), and the rows of a collection marked `delete` go when every personal
    /// field it has is emptied. Nothing is kept with a ground here: what stays is still justified.
    public init(_ dataset: FidesDataset, erasing categories: Set<String>) {
        // The request's plan with every other category kept: a field goes only when all it holds
        // goes, and a `delete` collection's rows only when all its fields go. Retention reports no
        // grounds for what stays (it is still justified), so the kept lists are dropped.
        let others = Self.categories(of: dataset).subtracting(categories).sorted()
        self.init(
            dataset,
            plan: ErasurePlan(
                erase: categories.sorted(), keep: others.map { .init(category: $0, grounds: []) }))
        collections = collections.map { Collection(name: $0.name, action: $0.action, kept: []) }
    }

    /// Whether the plan changes anything.
    public var acts: Bool { collections.contains { $0.action != .none } }

    /// A field's categories; a collection's categories apply to each of its fields that declares none.
    public static func fieldCategories(_ field: FidesField, in collection: FidesCollection) -> [String] {
        let own = field.dataCategories ?? []
        if !own.isEmpty { return own }
        // Keys and references carry no category of their own; the collection's categories cover data fields only.
        if field.fidesMeta?.primaryKey == true || !(field.fidesMeta?.references ?? []).isEmpty { return [] }
        return collection.dataCategories ?? []
    }
}
