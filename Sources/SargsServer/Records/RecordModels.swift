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
    /// Space-separated category keys; read and written through `categoryKeys`.
    @Field(key: "categories") var categories: String
    @Field(key: "disclosed_at") var disclosedAt: Date

    init() {}

    init(subject: UUID, recipient: String, purpose: String, categories: [String], at time: Date) {
        self.id = UUID()
        self.subjectID = subject
        self.recipient = recipient
        self.purpose = purpose
        self.categories = categories.joined(separator: " ")
        self.disclosedAt = time
    }

    var categoryKeys: [String] { categories.split(separator: " ").map(String.init) }

    var value: Disclosure {
        Disclosure(id: id ?? UUID(), recipient: recipient, purpose: purpose, categories: categoryKeys, at: disclosedAt)
    }
}

/// A legal hold on a subject's data (Art. 17(3)); released holds are kept for the record.
final class LegalHoldModel: Model, @unchecked Sendable {
    static let schema = "legal_holds"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    /// Sealed: a hold's reason may name a case or a person.
    @Field(key: "reason") var reason: Data
    /// Space-separated category keys; nil holds everything.
    @OptionalField(key: "categories") var categories: String?
    @OptionalField(key: "until_on") var untilOn: CivilDate?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "released_at") var releasedAt: Date?

    init() {}

    /// The hold as the planner sees it; the sealed reason is not needed to decide.
    var hold: LegalHold {
        LegalHold(reason: "", categories: categories.map { $0.split(separator: " ").map(String.init) }, until: untilOn)
    }
}

/// Where a recipient receives Art. 19 notifications: an HTTPS endpoint and its signing secret (sealed).
final class RecipientEndpointModel: Model, @unchecked Sendable {
    static let schema = "recipient_endpoints"

    @ID(custom: "recipient", generatedBy: .user) var id: String?
    @Field(key: "url") var url: String
    @Field(key: "secret") var secret: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
