import Fluent
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
        return try await service.page(subject: request.query[String.self, at: "subject"], actor: request.query[String.self, at: "actor"],
                                      action: request.query[String.self, at: "action"], after: request.query[Int64.self, at: "after"],
                                      limit: request.query[Int.self, at: "limit"], on: request.db)
    }

    @Sendable
    func verify(_ request: Request) async throws -> AuditVerification {
        _ = try request.principal(for: .auditVerify)
        return try await service.verifyChain(on: request.db)
    }
}
