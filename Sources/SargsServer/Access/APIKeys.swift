import Crypto
import Fluent
import Foundation
import SargsCore
import SargsKit

/// Creating, listing, revoking and checking API keys. A key is `sargs_<id>_<secret>`: the id is
/// public and indexed, the 256-bit secret is shown once and stored only as its SHA-256 (a random
/// secret of that size needs no slow hash), compared in constant time.
public enum APIKeys {
    /// A newly created key: `token` is shown once and never stored.
    public struct Created: Sendable {
        public let keyID: String
        public let token: String
        public let role: Role
        public let purposes: [String]
    }

    /// A stored key as listed by `sargs keys list`.
    public struct Listed: Sendable, Codable {
        public let keyID: String
        public let role: Role
        public let purposes: [String]
        public let createdAt: Date
        public let revokedAt: Date?
    }

    public enum KeyError: Error, Sendable, Equatable, CustomStringConvertible {
        case purposesOnlyForServiceKeys
        case serviceKeyNeedsPurposes
        case unknownPurpose(String)
        case notFound(String)

        public var description: String {
            switch self {
            case .purposesOnlyForServiceKeys: return "--purposes applies only to service keys"
            case .serviceKeyNeedsPurposes: return "a service key must list its purposes with --purposes"
            case .unknownPurpose(let id): return "purpose '\(id)' is not declared in the policy"
            case .notFound(let id): return "no API key with id \(id)"
            }
        }
    }

    public static func create(
        role: Role, purposes: [String], policy: Policy, actor: String, audit: AuditLog,
        on database: any Database, now: Date
    ) async throws -> Created {
        if role != .service && !purposes.isEmpty { throw KeyError.purposesOnlyForServiceKeys }
        if role == .service && purposes.isEmpty { throw KeyError.serviceKeyNeedsPurposes }
        for purpose in purposes where policy.purpose(purpose) == nil { throw KeyError.unknownPurpose(purpose) }
        let keyID = randomHex(bytes: 6)
        let secret = randomHex(bytes: 32)
        try await audit.perform(on: database) { transaction in
            let model = APIKeyModel()
            model.keyID = keyID
            model.secretHash = hash(secret)
            model.role = role
            model.purposes = purposes.joined(separator: ",")
            model.createdAt = now
            try await model.create(on: transaction)
            return (
                (),
                [AuditChain.Draft(time: now, actor: actor, action: .keyCreate, result: AuditResult.ok(keyID, role))]
            )
        }
        return Created(keyID: keyID, token: "sargs_\(keyID)_\(secret)", role: role, purposes: purposes)
    }

    public static func list(on database: any Database) async throws -> [Listed] {
        try await APIKeyModel.query(on: database).sort(\.$createdAt).all().map { model in
            Listed(
                keyID: model.keyID, role: model.role, purposes: model.purposeList, createdAt: model.createdAt,
                revokedAt: model.revokedAt)
        }
    }

    /// Revokes a key. Pass the running server's `principals` so the revocation applies at once;
    /// a server in another process notices within one second.
    public static func revoke(
        keyID: String, actor: String, audit: AuditLog, principals: PrincipalCache? = nil,
        on database: any Database, now: Date
    ) async throws {
        defer { principals?.forgetAll() }
        try await audit.perform(on: database) { transaction in
            guard let model = try await APIKeyModel.query(on: transaction).filter(\.$keyID == keyID).first() else {
                throw KeyError.notFound(keyID)
            }
            model.revokedAt = model.revokedAt ?? now
            try await model.save(on: transaction)
            return ((), [AuditChain.Draft(time: now, actor: actor, action: .keyRevoke, result: "ok:\(keyID)")])
        }
    }

    /// The principal for a bearer token, or nil when it is malformed, unknown, revoked or wrong.
    static func authenticate(token: String, on database: any Database) async throws -> Principal? {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sargs", parts[1].count == 12, parts[2].count == 64 else { return nil }
        guard let model = try await APIKeyModel.query(on: database).filter(\.$keyID == String(parts[1])).first(),
            model.revokedAt == nil
        else { return nil }
        let expected = Data(model.secretHash.utf8), actual = Data(hash(String(parts[2])).utf8)
        guard expected.count == actual.count, zip(expected, actual).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            return nil
        }
        return Principal(keyID: model.keyID, role: model.role, purposes: Set(model.purposeList))
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).hex
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hex
    }
}
