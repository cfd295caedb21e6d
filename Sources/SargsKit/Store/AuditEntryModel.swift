import Fluent
import Foundation
import SargsCore

/// A stored audit entry; its `id` is the chain sequence number.
public final class AuditEntryModel: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(custom: "sequence", generatedBy: .user) public var id: Int64?
    @Field(key: "time_ms") public var timeMilliseconds: Int64
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @OptionalField(key: "subject_id") public var subjectID: UUID?
    @OptionalField(key: "purpose") public var purpose: String?
    @Field(key: "categories") public var categories: String
    @Field(key: "result") public var result: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String
    /// How `hash` was made (`AuditChain.Version`): 1 for entries written before keyed chaining, 2 since.
    @Field(key: "chain_version") public var chainVersion: Int

    public init() {}

    public init(_ entry: AuditEntry) {
        id = entry.sequence
        timeMilliseconds = entry.timeMilliseconds
        actor = entry.actor
        action = entry.action
        subjectID = entry.subjectID
        purpose = entry.purpose
        categories = entry.categories.joined(separator: ",")
        result = entry.result
        previousHash = entry.previousHash
        hash = entry.hash
        chainVersion = entry.chainVersion
    }

    /// The Sendable value this row stores.
    public var entry: AuditEntry {
        AuditEntry(
            sequence: id ?? 0, timeMilliseconds: timeMilliseconds, actor: actor, action: action, subjectID: subjectID,
            purpose: purpose, categories: categories.isEmpty ? [] : categories.split(separator: ",").map(String.init),
            result: result, previousHash: previousHash, hash: hash, chainVersion: chainVersion)
    }
}

/// The columns a bulk insert writes, in the order of `bulkValues` (`BulkInsertTests` compares them with the fields).
extension AuditEntryModel: BulkInsertable {
    public static let bulkColumns = [
        "sequence", "time_ms", "actor", "action", "subject_id", "purpose", "categories", "result", "previous_hash",
        "hash",
        "chain_version",
    ]
    public var bulkValues: [any Encodable & Sendable] {
        [id, timeMilliseconds, actor, action, subjectID, purpose, categories, result, previousHash, hash, chainVersion]
    }
}
