import Foundation

/// How a subject's rows are found in one dataset: the fields that hold an identity (where a
/// search starts) and the links between fields that references declare (followed both ways, so
/// a customer found by e-mail leads to their orders, and an order to its invoices).
public struct DatasetGraph: Sendable, Hashable {
    /// A field of a collection: `orders.customer_id`.
    public struct FieldRef: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var collection: String
        public var field: String

        public init(collection: String, field: String) {
            self.collection = collection
            self.field = field
        }

        public var description: String { "\(collection).\(field)" }

        public static func < (lhs: FieldRef, rhs: FieldRef) -> Bool { lhs.description < rhs.description }
    }

    /// A field where a search starts, and the identity (`email`, `phone_number`, `external_id`) it holds.
    public struct Root: Sendable, Hashable {
        public var field: FieldRef
        public var identity: String
    }

    /// Two fields holding the same value (a foreign key and the key it points at).
    public struct Link: Sendable, Hashable {
        public var from: FieldRef
        public var to: FieldRef
    }

    public var dataset: String
    public var roots: [Root]
    /// Links within the dataset, each once; searches follow them both ways.
    public var links: [Link]

    /// The graph of `dataset` (references to other datasets are not followed: each dataset is its own database).
    public init(_ dataset: FidesDataset) {
        self.dataset = dataset.fidesKey
        var roots: [Root] = []
        var links: Set<Link> = []
        for collection in dataset.collections {
            for field in collection.fields {
                let here = FieldRef(collection: collection.name, field: field.name)
                if let identity = field.fidesMeta?.identity { roots.append(Root(field: here, identity: identity)) }
                for reference in field.fidesMeta?.references ?? [] where reference.dataset == dataset.fidesKey {
                    let parts = reference.field.split(separator: ".", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { continue }
                    let there = FieldRef(collection: parts[0], field: parts[1])
                    links.insert(Link(from: min(here, there), to: max(here, there)))
                }
            }
        }
        self.roots = roots.sorted { $0.field < $1.field }
        self.links = links.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// The links that leave `collection`, as (field here, field there).
    public func links(from collection: String) -> [(here: FieldRef, there: FieldRef)] {
        links.compactMap { link in
            if link.from.collection == collection { return (link.from, link.to) }
            if link.to.collection == collection { return (link.to, link.from) }
            return nil
        }
    }
}
