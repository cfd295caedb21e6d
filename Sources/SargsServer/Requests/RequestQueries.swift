import Fluent
import Foundation
import SargsCore
import SargsKit

/// Finding requests: by id, and the overdue ones (for lists, the metric and the log).
enum RequestQueries {
    /// Statuses of requests still waiting for an answer.
    static let openStatuses: [RequestStatus] = [.received, .awaitingVerification, .verified, .inProgress]

    /// Statuses of requests not yet verified: past the invalid-request notice date they should have
    /// been rejected with reasons (e.g. 5 business days for Coral Travel LT/EE).
    static let unverifiedStatuses: [RequestStatus] = [.received, .awaitingVerification]

    /// The request with the id in `raw` (a path parameter).
    static func find(_ id: UUID, on database: any Database) async throws -> RequestModel {
        guard let request = try await RequestModel.find(id, on: database) else {
            throw DomainError.notFound("request \(id.wire)")
        }
        return request
    }

    /// Narrows a query to overdue requests: open past their due date, or still unverified past the
    /// invalid-request notice date. `RequestModel.isOverdue` is the same rule for one request.
    static func overdue(_ query: QueryBuilder<RequestModel>, today: CivilDate) -> QueryBuilder<RequestModel> {
        query.group(.or) { either in
            either.group(.and) { $0.filter(\.$status ~~ openStatuses).filter(\.$dueOn < today) }
            either.group(.and) { $0.filter(\.$status ~~ unverifiedStatuses).filter(\.$invalidNoticeDueOn < today) }
        }
    }

    /// Every overdue request.
    static func overdue(on database: any Database, today: CivilDate) async throws -> [RequestModel] {
        try await overdue(RequestModel.query(on: database), today: today).all()
    }
}
