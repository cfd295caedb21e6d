import Fluent
import SargsKit
import Vapor

/// `/v1/retention`: what the retention rules make due (`GET preview?as_of=YYYY-MM-DD&limit=`), and
/// running them now (`POST runs`) or reading past runs (`GET runs?limit=`). Admin and dpo keys.
struct RetentionRoutes: Sendable {
    let service: RetentionService

    func register(_ routes: any RoutesBuilder) {
        let retention = routes.grouped("v1", "retention")
        retention.get("preview", use: preview)
        retention.post("runs", use: run)
        retention.get("runs", use: runs)
    }

    @Sendable
    func preview(_ request: Request) async throws -> RetentionReport {
        _ = try request.principal(for: .retentionManage)
        return try await service.preview(
            asOf: try request.textQuery("as_of"), limit: try request.integerQuery("limit", in: 1...100_000),
            on: request.db)
    }

    /// Runs retention now; `{"confirm_rule_change": true}` after reviewing the preview of changed rules.
    @Sendable
    func run(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .retentionManage)
        let body = try request.optionalBody(RunRetentionBody.self, or: RunRetentionBody())
        let summary = try await service.run(
            actor: principal.actor, confirmingRuleChange: body.confirmRuleChange ?? false, on: request.db)
        return try SnakeCaseJSON.response(summary, status: .created)
    }

    @Sendable
    func runs(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .retentionManage)
        return try SnakeCaseJSON.response(
            RetentionRunList(
                runs: try await service.runs(
                    limit: try request.integerQuery("limit", in: 1...500) ?? 20,
                    on: request.db)))
    }
}

/// The body of `POST /v1/retention/runs` (optional).
struct RunRetentionBody: Content {
    var confirmRuleChange: Bool?

    enum CodingKeys: String, CodingKey { case confirmRuleChange = "confirm_rule_change" }
}

/// `GET /v1/retention/runs`: the latest runs, newest first.
struct RetentionRunList: Encodable {
    var runs: [RetentionRunSummary]
}

extension RetentionReport: Content {}
