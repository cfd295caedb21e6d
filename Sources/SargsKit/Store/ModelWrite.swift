import Fluent
import Foundation

/// A Fluent model's row as a value, taken before a transaction: what `create` inserts, or what
/// `save` of a read model changes. A write closure receives this value, never the model, so no
/// model crosses into the task the group commit runs on, and the values are those the caller
/// decided on, not whatever the model holds when the commit happens.
public struct ModelWrite<Row: Model>: Sendable {
    /// Insert a new row, or change the fields of an existing one.
    public enum Kind: Sendable { case insert, update }

    public let kind: Kind
    public let id: Row.IDValue
    public let values: [FieldKey: DatabaseQuery.Value]

    /// The row `model` would insert. A model without an id is given a new one first, so the caller
    /// knows it before the write.
    public init(inserting model: Row) throws where Row.IDValue == UUID {
        if model.id == nil { model.id = UUID() }
        let input = Snapshot(all: true)
        model.input(to: input)
        kind = .insert
        id = try model.requireID()
        values = input.values.filter {
            if case .default = $0.value { return false }
            return true
        }
    }

    /// What `save` would write: the fields of `model` changed since it was read, or the whole row
    /// of a model never stored (whose id the caller has set).
    public init(changing model: Row) throws {
        let stored = model._$idExists
        let input = Snapshot(all: !stored)
        model.input(to: input)
        kind = stored ? .update : .insert
        id = try model.requireID()
        values =
            stored
            ? input.values
            : input.values.filter {
                if case .default = $0.value { return false }
                return true
            }
    }

    /// Makes the write in the caller's transaction. The model it was taken from is not marked
    /// stored: a later `save()` of that model would insert it again (use another `ModelWrite`).
    public func run(on database: any Database) async throws {
        switch kind {
        case .insert:
            try await Row.query(on: database).set(values).create()
        case .update:
            guard !values.isEmpty else { return }
            try await Row.query(on: database).filter(\._$id == id).set(values).update()
        }
    }

    /// Collects what a model gives its database.
    private final class Snapshot: DatabaseInput {
        var values: [FieldKey: DatabaseQuery.Value] = [:]
        let wantsUnmodifiedKeys: Bool

        init(all: Bool) { wantsUnmodifiedKeys = all }

        func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key] = value }
    }
}
