import Fluent
import Foundation

/// An API key: only its public id and the SHA-256 of its secret are stored.
final class APIKeyModel: Model, @unchecked Sendable {
    static let schema = "api_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "key_id") var keyID: String
    @Field(key: "secret_hash") var secretHash: String
    @Field(key: "role") var role: Role
    /// Comma-separated purpose ids a service key is limited to; empty for other roles. Read through `purposeList`.
    @Field(key: "purposes") var purposes: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    var purposeList: [String] { purposes.isEmpty ? [] : purposes.split(separator: ",").map(String.init) }
}
