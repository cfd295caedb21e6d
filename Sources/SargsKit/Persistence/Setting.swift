import Fluent
import Foundation

/// A named installation setting, such as the master key's check value.
/// Fluent models are `@unchecked Sendable` (Vapor's guidance): they stay request-local.
public final class Setting: Model, @unchecked Sendable {
    public static let schema = "settings"
    public static let keyCheckValue = "master_key_check_value"

    @ID(custom: "name", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: String

    public init() {}

    public init(name: String, value: String) {
        self.id = name
        self.value = value
    }

    /// Sets the named setting, creating it when absent (in the caller's transaction).
    public static func put(_ name: String, _ value: String, on database: any Database) async throws {
        if let setting = try await find(name, on: database) {
            setting.value = value
            try await setting.save(on: database)
        } else {
            try await Setting(name: name, value: value).create(on: database)
        }
    }
}
