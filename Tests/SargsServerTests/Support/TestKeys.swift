import Fluent
import SargsCore
@testable import SargsKit
import Vapor
@testable import SargsServer

/// Bearer headers for one key of each role, created directly in the test's database.
struct TestKeys: Sendable {
    let admin: HTTPHeaders
    let dpo: HTTPHeaders
    let agent: HTTPHeaders
    /// A service key limited to the `marketing` purpose (or the policy's first purpose when it has none).
    let marketingService: HTTPHeaders
    let adminKeyID: String

    /// Creates the four keys (four audit entries) with the application's own key store.
    static func make(context: SargsContext, on database: any Database) async throws -> TestKeys {
        func key(_ role: Role, _ purposes: [String] = []) async throws -> APIKeys.Created {
            try await APIKeys.create(
                role: role, purposes: purposes, policy: context.rules.policy, actor: "test", audit: context.audit,
                on: database,
                now: context.clock.now)
        }
        func headers(_ created: APIKeys.Created) -> HTTPHeaders {
            ["Authorization": "Bearer \(created.token)", "Content-Type": "application/json"]
        }
        let admin = try await key(.admin)
        return TestKeys(
            admin: headers(admin), dpo: headers(try await key(.dpo)), agent: headers(try await key(.agent)),
            marketingService: headers(
                try await key(
                    .service, [context.rules.policy.purpose("marketing")?.id ?? context.rules.policy.purposes[0].id])),
            adminKeyID: admin.keyID)
    }
}
