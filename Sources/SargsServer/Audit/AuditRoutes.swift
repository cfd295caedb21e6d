import Fluent
import SargsCore
import SargsKit
import Vapor

/// `GET /v1/audit` (admin, dpo) and `GET /v1/audit/verify` (admin).
struct AuditRoutes: Sendable {
    let service: AuditService

    func register(_ routes: any RoutesBuilder) {
        let audit = routes.grouped("v1", "audit")
        audit.get(use: list)
        audit.get("verify", use: verify)
    }

    @Sendable
    func list(_ request: Request) async throws -> AuditPage {
        _ = try request.principal(for: .auditRead)
        return try await service.page(
            subject: try request.uuidQuery("subject"), actor: try request.textQuery("actor"),
            action: try AuditAction.parsed(try request.textQuery("action")),
            after: try request.integerQuery("after", in: 0...Int64.max),
            limit: try request.integerQuery("limit", in: 1...1000), on: request.db)
    }

    @Sendable
    func verify(_ request: Request) async throws -> AuditVerification {
        _ = try request.principal(for: .auditVerify)
        return try await service.verifyChain(on: request.db)
    }
}
