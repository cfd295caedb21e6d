import Fluent
import Foundation
import SargsCore
import SargsKit

extension RequestService {
    /// What a list of requests is narrowed to, as given in the query.
    struct ListFilter: Sendable {
        /// Which statuses: the open ones, the unverified ones, or one status.
        enum Status: Sendable, Equatable {
            case open
            case unverified
            case exactly(RequestStatus)
        }

        var status: Status?
        var type: RequestType?
        var overdue: Bool
        var limit: Int?
        var offset: Int?
    }

    /// Requests by due date, a page at a time (`limit` 1–1000, default 100). `status` is a status,
    /// `open` (not yet answered) or `unverified` (received or awaiting verification).
    func list(_ filter: ListFilter, on database: any Database) async throws -> RequestList {
        let rules = ruleSource.current
        var query = RequestModel.query(on: database)
        switch filter.status {
        case .open: query = query.filter(\.$status ~~ RequestQueries.openStatuses)
        case .unverified: query = query.filter(\.$status ~~ RequestQueries.unverifiedStatuses)
        case .exactly(let status): query = query.filter(\.$status == status)
        case nil: break
        }
        if let type = filter.type { query = query.filter(\.$type == type) }
        if filter.overdue { query = RequestQueries.overdue(query, today: rules.localDay(serverClock.now)) }
        let limit = filter.limit ?? 100
        guard (1...1000).contains(limit) else { throw DomainError.invalid("limit", "must be 1-1000") }
        let offset = filter.offset ?? 0
        guard (0...1_000_000).contains(offset) else { throw DomainError.invalid("offset", "must be 0-1000000") }
        let rows = try await query.sort(\.$dueOn).sort(\.$createdAt).range(offset..<(offset + limit + 1)).all()
        var views: [RequestView] = []
        for row in rows.prefix(limit) { views.append(try await view(row, detail: false, on: database)) }
        return RequestList(requests: views, nextOffset: rows.count > limit ? offset + limit : nil)
    }
}

extension RequestService {
    /// How many requests stand where staff must act (the console's Today page).
    struct Counts: Sendable {
        var open: Int
        var overdue: Int
        var unverified: Int
        /// Unverified requests whose channel needs a signature staff must attest.
        var awaitingSignature: Int
    }

    func counts(on database: any Database) async throws -> Counts {
        let rules = ruleSource.current
        let unverified = RequestModel.query(on: database).filter(\.$status ~~ RequestQueries.unverifiedStatuses)
        return Counts(
            open: try await RequestModel.query(on: database).filter(\.$status ~~ RequestQueries.openStatuses).count(),
            overdue: try await RequestQueries.overdue(
                RequestModel.query(on: database), today: rules.localDay(serverClock.now)
            ).count(),
            unverified: try await unverified.copy().count(),
            awaitingSignature: try await unverified.copy().filter(\.$signatureRequired != nil).count())
    }
}
