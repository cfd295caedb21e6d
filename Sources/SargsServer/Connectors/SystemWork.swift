import Foundation
import SargsCore
import SargsKit

/// What a system's part of a request needs, decided when the request is approved and sealed on
/// its row: the subject's identities (read from the vault before any erasure) and, for an
/// erasure, the plan (made from the same facts as the vault's).
struct SystemWork: Sendable, Codable {
    enum Kind: String, Sendable, Codable {
        case find
        case erase
        case rectify
        /// Art. 18: mark the rows restricted where the dataset can.
        case restrict
    }

    var kind: Kind
    /// Identity name (`email`, `phone_number`, `external_id`) → values.
    var identities: [String: [String]]
    /// For an erasure: per collection, the fields to empty or whether the rows go, and what is kept.
    var erasure: ErasureSpec?
    /// For a rectification: the corrected values by category (normalised as the vault stores them).
    var corrections: [String: String]? = nil

    /// The plan as stored: no values, only names, categories and grounds.
    struct ErasureSpec: Sendable, Codable {
        struct Collection: Sendable, Codable {
            var name: String
            var deleteRows: Bool
            var emptyFields: [String]
            var kept: [Kept]
        }

        struct Kept: Sendable, Codable, Equatable {
            var field: String
            var category: String
            var grounds: [String]
            var until: String?
        }

        var collections: [Collection]

        /// The collections whose rows this erasure deletes or empties.
        var changedCollections: Set<String> {
            Set(collections.filter { $0.deleteRows || !$0.emptyFields.isEmpty }.map(\.name))
        }

        init(_ plan: DatasetErasurePlan) {
            collections = plan.collections.map { collection in
                var deleteRows = false
                var emptyFields: [String] = []
                switch collection.action {
                case .deleteRows: deleteRows = true
                case .emptyFields(let fields): emptyFields = fields
                case .none: break
                }
                return Collection(
                    name: collection.name, deleteRows: deleteRows, emptyFields: emptyFields,
                    kept: collection.kept.map {
                        Kept(
                            field: $0.field, category: $0.category, grounds: $0.grounds.map(\.kind.auditText),
                            until: $0.until?.description)
                    })
            }
        }
    }

    func sealed(request: UUID, system: String, master: MasterKey) throws -> Data {
        try Vault.sealService(
            try JSONEncoder().encode(self), context: Self.context(request: request, system: system), with: master)
    }

    static func open(_ sealed: Data, request: UUID, system: String, master: MasterKey) throws -> SystemWork {
        try JSONDecoder().decode(
            SystemWork.self,
            from: try Vault.openService(sealed, context: context(request: request, system: system), with: master))
    }

    static func context(request: UUID, system: String) -> String { "request-system|\(request.wire)|\(system)" }
}

/// What a system reported, without values: rows per collection, and what was kept and why.
struct SystemOutcome: Sendable, Codable, Equatable {
    struct Collection: Sendable, Codable, Equatable {
        var name: String
        var rows: Int
        /// For an erasure: `deleted`, `emptied` or `kept`.
        var action: String?
        var emptied: [String]?
        var kept: [String]?
        /// For a rectification: the fields set to the corrected value.
        var rectified: [String]? = nil
    }

    var collections: [Collection]
    var kept: [SystemWork.ErasureSpec.Kept]?
    /// For a processor: its last `request_status` (or why nothing was sent).
    var processor: String? = nil
    /// For a processor: the `results_count` it reported.
    var results: Int? = nil
    /// For a manual system: what its owner confirmed.
    var confirmed: String? = nil
    /// For a restriction in a dataset that cannot mark one: why it was not marked.
    var restriction: String? = nil
    /// Closed by hand by staff: why, and by whom (`RequestService.resolve`).
    var resolution: SystemResolution? = nil
    var resolvedBy: String? = nil
}
