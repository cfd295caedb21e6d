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

    /// Two fields holding the same value (a foreign key and the key it points at), followed from
    /// `from` to `to` only: a search that reached `from`'s rows looks up `to`'s.
    public struct Link: Sendable, Hashable {
        public var from: FieldRef
        public var to: FieldRef
    }

    public var dataset: String
    public var roots: [Root]
    /// Links within the dataset, each in the direction a search may follow it. A reference with
    /// `direction: from` (the referenced field's value flows into this one: a customer's id into
    /// their orders) is followed from the referenced field to the referencing one; `direction: to`
    /// the other way (an order to the product it names, never back to every order of that product);
    /// a reference without a direction both ways.
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
                    switch reference.direction {
                    case "from": links.insert(Link(from: there, to: here))
                    case "to": links.insert(Link(from: here, to: there))
                    default:
                        links.insert(Link(from: there, to: here))
                        links.insert(Link(from: here, to: there))
                    }
                }
            }
        }
        self.roots = roots.sorted { $0.field < $1.field }
        self.links = links.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// The links a search follows out of `collection`, as (field here, field there).
    public func links(from collection: String) -> [(here: FieldRef, there: FieldRef)] {
        links.filter { $0.from.collection == collection }.map { ($0.from, $0.to) }
    }
}
