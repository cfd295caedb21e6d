import Fluent
import Foundation
import SargsCore

/// A personal-data breach in the register (GDPR Art. 33(5)): every breach, notified or not. The
/// staff's descriptions may name people, so they are sealed under the service key, bound to the
/// breach id.
final class BreachModel: Model, @unchecked Sendable {
    static let schema = "breaches"

    @ID(key: .id) var id: UUID?
    /// When the controller became aware of it: the authority clock starts here (Art. 33(1)).
    @Field(key: "discovered_at") var discoveredAt: Date
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "nature") var nature: Data
    /// Comma-separated category keys.
    @Field(key: "categories") var categories: String
    @Field(key: "approximate_subjects") var approximateSubjects: Int
    @Field(key: "approximate_records") var approximateRecords: Int
    @Field(key: "consequences") var consequences: Data
    @Field(key: "measures") var measures: Data
    @OptionalField(key: "authority_notified_at") var authorityNotifiedAt: Date?
    @OptionalField(key: "delay_reasons") var delayReasons: Data?
    /// The Art. 34 assessment: nil until made.
    @OptionalField(key: "high_risk") var highRisk: Bool?
    /// Why subjects were not told of a high-risk breach (Art. 34(3)).
    @OptionalField(key: "subjects_exception") var subjectsException: BreachSubjectsException?
    @OptionalField(key: "subjects_informed_at") var subjectsInformedAt: Date?
    /// How many affected subjects were sent the Art. 34 communication (those with an e-mail address).
    @Field(key: "subjects_messaged") var subjectsMessaged: Int
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// Why the authority was not notified (Art. 33(1): unlikely to result in a risk), sealed.
    @OptionalField(key: "not_notified_reason") var notNotifiedReason: Data?

    init() {}

    var categoryKeys: [String] { categories.isEmpty ? [] : categories.split(separator: ",").map(String.init) }
}

/// A subject known to be affected by a breach.
final class BreachSubjectModel: Model, @unchecked Sendable {
    static let schema = "breach_subjects"

    @ID(key: .id) var id: UUID?
    @Field(key: "breach_id") var breachID: UUID
    @Field(key: "subject_id") var subjectID: UUID

    init() {}

    init(breach: UUID, subject: UUID) {
        self.id = UUID()
        self.breachID = breach
        self.subjectID = subject
    }
}

/// The exceptions of Art. 34(3) to telling subjects of a high-risk breach.
enum BreachSubjectsException: String, Codable, Sendable, CaseIterable {
    /// (a) the data was unintelligible to anyone not authorised, e.g. encrypted.
    case unintelligible
    /// (b) subsequent measures make the high risk no longer likely.
    case riskMitigated = "risk_mitigated"
    /// (c) it would involve disproportionate effort: a public communication instead.
    case publicCommunication = "public_communication"
}
