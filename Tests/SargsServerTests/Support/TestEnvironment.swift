import Fluent
import Foundation
@testable import SargsServer

/// What the server tests take from their environment.
enum TestEnvironment {
    static let postgresURL = ProcessInfo.processInfo.environment["SARGS_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// One fixed key for the shared PostgreSQL database, so its key check value always matches.
    static let masterKey = "c2FyZ3MtdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzISE="
    static var databaseName: String { postgresURL == nil ? "SQLite" : "PostgreSQL" }

    /// Empties every table but the settings, so each test starts clean on the shared database.
    static func wipe(_ database: any Database) async throws {
        try await RecipientNoticeModel.query(on: database).delete()
        try await OutboxMessageModel.query(on: database).delete()
        try await RecipientEndpointModel.query(on: database).delete()
        try await TombstoneModel.query(on: database).delete()
        try await LegalHoldModel.query(on: database).delete()
        try await DisclosureModel.query(on: database).delete()
        try await VerificationChallengeModel.query(on: database).delete()
        try await RequestEventModel.query(on: database).delete()
        try await RequestModel.query(on: database).delete()
        try await AuditEntryModel.query(on: database).delete()
        try await APIKeyModel.query(on: database).delete()
        try await RestrictionModel.query(on: database).delete()
        try await ObjectionModel.query(on: database).delete()
        try await RelationshipModel.query(on: database).delete()
        try await ConsentEventModel.query(on: database).delete()
        try await DataItemModel.query(on: database).delete()
        try await SubjectModel.query(on: database).delete()
    }
}
