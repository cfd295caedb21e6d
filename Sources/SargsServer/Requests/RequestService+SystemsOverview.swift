import Fluent
import Foundation
import SargsCore
import SargsKit

/// The company systems as the DPO sees them (issue 25): every dataset, processor and manual system
/// the policy names, how Sargs reaches it (never a credential), and where its open requests stand.
extension RequestService {
    struct SystemOverview: Sendable {
        enum Kind: String, Sendable { case dataset, processor, manual }

        var name: String
        var kind: Kind
        /// The request types that reach it.
        var requests: [RequestType]
        /// Dataset: the connection variable; processor: the base URL; manual: the owner.
        var reachedAt: String
        /// Whether what Sargs needs to reach it is there: the connection or credentials variable set.
        var configured: Bool
        /// Processor: until when its pinned certificate is valid; manual: the owner's days.
        var certificateValidUntil: Date?
        var days: Int?
        var waiting = 0
        var late = 0
        var failed = 0
    }

    /// Every system, with the counts of its parts in open requests.
    func systemsOverview(on database: any Database) async throws -> [SystemOverview] {
        var systems: [SystemOverview] =
            datasets.entries.map { entry in
                SystemOverview(
                    name: entry.system, kind: .dataset, requests: SystemTarget.datasetRequests,
                    reachedAt: entry.reference.connection, configured: entry.url != nil)
            }
            + externalSystems.processors.map { processor in
                SystemOverview(
                    name: processor.name, kind: .processor, requests: processor.system.handledRequests,
                    reachedAt: processor.endpoint.url,
                    configured: processor.endpoint.credentials == nil || processor.authorization != nil,
                    certificateValidUntil: processor.certificate.validUntil)
            }
            + externalSystems.manual.map { system in
                SystemOverview(
                    name: system.id, kind: .manual, requests: system.handledRequests,
                    reachedAt: system.manual?.owner ?? "", configured: true, days: system.manual?.days)
            }
        let now = serverClock.now
        let open = try await RequestSystemModel.query(on: database)
            .join(RequestModel.self, on: \RequestSystemModel.$requestID == \RequestModel.$id)
            .filter(RequestModel.self, \.$status == .inProgress)
            .filter(\.$status ~~ [.waiting, .failed]).all()
        // Erasures retention or the CLI sent to processors count as waiting (or failed) there too.
        for (system, count) in try await erasureOrders.counts(on: database) {
            guard let index = systems.firstIndex(where: { $0.name == system }) else { continue }
            systems[index].waiting += count.waiting
            systems[index].late += count.late
            systems[index].failed += count.failed
        }
        for row in open {
            guard let index = systems.firstIndex(where: { $0.name == row.system }) else { continue }
            if row.status == .failed { systems[index].failed += 1 } else { systems[index].waiting += 1 }
            if row.status == .waiting, let due = row.dueAt, due < now { systems[index].late += 1 }
        }
        return systems
    }
}
