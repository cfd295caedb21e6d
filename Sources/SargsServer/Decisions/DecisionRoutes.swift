import Fluent
import Vapor

/// `/v1/decisions`: may this system use this person's data for this purpose now?
struct DecisionRoutes: Sendable {
    let service: DecisionService

    func register(_ routes: any RoutesBuilder) {
        let decisions = routes.grouped("v1", "decisions")
        decisions.post(use: decide)
        // A full batch of 10,000 ids is about 400 KB.
        decisions.on(.POST, "batch", body: .collect(maxSize: "2mb"), use: batch)
    }

    /// Answered on the event loop when the subject's facts are cached; otherwise in a task that reads them.
    @Sendable
    func decide(_ request: Request) throws -> EventLoopFuture<DecisionResponse> {
        let principal = try request.principal(for: .decisionsAsk)
        let question = try request.content.decode(DecisionRequest.self).question()
        if let answer = try service.cachedDecision(question, by: principal) {
            return request.eventLoop.makeSucceededFuture(DecisionResponse(answer))
        }
        return request.eventLoop.makeFutureWithTask {
            DecisionResponse(try await service.decide(question, by: principal, on: request.db))
        }
    }

    @Sendable
    func batch(_ request: Request) async throws -> BatchDecisionResponse {
        let principal = try request.principal(for: .decisionsAsk)
        let question = try request.content.decode(BatchDecisionRequest.self).question()
        return BatchDecisionResponse(try await service.batch(question, by: principal, on: request.db))
    }
}
