import Fluent
import Foundation
import SargsCore

/// One disclosure of a subject's data to a recipient (Art. 15(1)(c), 19, 30(1)(d)).
final class DisclosureModel: Model, @unchecked Sendable {
    static let schema = "disclosures"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "recipient") var recipient: String
    @Field(key: "purpose") var purpose: String
    /// Space-separated category keys.
    @Field(key: "categories") var categories: String
    @Field(key: "disclosed_at") var disclosedAt: Date

    init() {}

    var value: Disclosure {
        Disclosure(id: id ?? UUID(), recipient: recipient, purpose: purpose,
                   categories: categories.split(separator: " ").map(String.init), at: disclosedAt)
    }
}

/// A legal hold on a subject's data (Art. 17(3)); released holds are kept for the record.
final class LegalHoldModel: Model, @unchecked Sendable {
    static let schema = "legal_holds"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    /// Sealed: a hold's reason may name a case or a person.
    @Field(key: "reason") var reason: Data
    @OptionalField(key: "categories") var categories: String?
    @OptionalField(key: "until_on") var untilOn: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "released_at") var releasedAt: Date?

    init() {}
}

/// An erased subject, by id only: replayed after a restore so erased people stay erased.
final class TombstoneModel: Model, @unchecked Sendable {
    static let schema = "tombstones"

    @ID(custom: "subject_id", generatedBy: .user) var id: UUID?
    @Field(key: "erased_at") var erasedAt: Date

    init() {}
}
