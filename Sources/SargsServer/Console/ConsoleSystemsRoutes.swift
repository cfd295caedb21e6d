import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/systems`: the company's datasets, processors and manual systems, how each is reached
/// and how many open requests wait on it, fail in it or are late there.
struct ConsoleSystemsRoutes: Sendable {
    let service: RequestService
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        console.get("systems", use: list)
    }

    struct Row: Encodable, Sendable {
        var name: String
        var kindKey: String
        var requests: String
        var reachedAt: String
        var detail: String
        var configured: Bool
        /// Waiting, late and failed parts of open requests, in words.
        var counts: String
        var alert: Bool
    }

    struct ListPage: Encodable, Sendable {
        var systems: [Row]
        var hasSystems: Bool
    }

    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsDecide)
        let language = pages.language(request)
        let rows = try await service.systemsOverview(on: request.db).map { system in
            let detail: String
            switch system.kind {
            case .dataset: detail = ""
            case .processor:
                detail =
                    system.certificateValidUntil.map {
                        ConsoleText.text(
                            "console.systems.certificate", language: language, ["date": ConsoleFormat.time($0)])
                    } ?? ""
            case .manual:
                detail = ConsoleText.text(
                    "console.systems.days", language: language, ["days": String(system.days ?? 0)])
            }
            return Row(
                name: system.name, kindKey: "console.systems.kind.\(system.kind.rawValue)",
                requests: system.requests.map {
                    ConsoleText.text("console.rtype.\($0.rawValue)", language: language)
                }.joined(separator: ", "),
                reachedAt: system.reachedAt, detail: detail, configured: system.configured,
                counts: ConsoleText.text(
                    "console.systems.counts", language: language,
                    ["waiting": String(system.waiting), "late": String(system.late), "failed": String(system.failed)]),
                alert: !system.configured || system.late > 0 || system.failed > 0)
        }
        return try await pages.render(
            "console-systems", title: "console.systems.title", ListPage(systems: rows, hasSystems: !rows.isEmpty),
            request)
    }
}
