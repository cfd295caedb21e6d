import Fluent
import Foundation
@testable import SargsServer

/// What the server tests take from their environment.
enum TestEnvironment {
    static let postgresURL = ProcessInfo.processInfo.environment["SARGS_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// One fixed key for the shared PostgreSQL database, so its key check value always matches.
    static let masterKey = "c2FyZ3MtdGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzISE="

    /// The repository root (this file is `Tests/SargsServerTests/Support/TestEnvironment.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of a file in the repository, e.g. `examples/coral-club.yaml`.
    static func path(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent(relative).path
    }

    /// A new, not yet existing directory under the system's temporary directory.
    static func temporaryDirectory(_ prefix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }

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
