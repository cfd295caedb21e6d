import Fluent
import Foundation
import SargsCore

/// A stored audit entry; its `id` is the chain sequence number.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: "sequence", generatedBy: .user) var id: Int64?
    @Field(key: "time_ms") var timeMilliseconds: Int64
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @OptionalField(key: "subject_id") var subjectID: UUID?
    @OptionalField(key: "purpose") var purpose: String?
    @Field(key: "categories") var categories: String
    @Field(key: "result") var result: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String
    /// How `hash` was made (`AuditChain.Version`): 1 for entries written before keyed chaining, 2 since.
    @Field(key: "chain_version") var chainVersion: Int

    init() {}

    init(_ entry: AuditEntry) {
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
    var entry: AuditEntry {
        AuditEntry(sequence: id ?? 0, timeMilliseconds: timeMilliseconds, actor: actor, action: action, subjectID: subjectID,
                   purpose: purpose, categories: categories.isEmpty ? [] : categories.split(separator: ",").map(String.init),
                   result: result, previousHash: previousHash, hash: hash, chainVersion: chainVersion)
    }
}
