import Fluent
import Vapor

/// `GET /v1/retention/preview?as_of=YYYY-MM-DD&limit=`: what the retention rules make due (admin, dpo).
struct RetentionRoutes: Sendable {
    let service: RetentionService

    func register(_ routes: any RoutesBuilder) {
        routes.get("v1", "retention", "preview", use: preview)
    }

    @Sendable
    func preview(_ request: Request) async throws -> RetentionReport {
        _ = try request.principal(.admin, .dpo)
        return try await service.preview(asOf: request.query[String.self, at: "as_of"], limit: request.query[Int.self, at: "limit"],
                                         on: request.db)
    }
}

extension RetentionReport: Content {}
