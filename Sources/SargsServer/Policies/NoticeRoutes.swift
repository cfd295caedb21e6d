import Fluent
import SargsCore
import SargsKit
import Vapor

/// The public privacy notice, without a key: `GET /notice` (the version in force) and
/// `GET /notice/versions/{id}` (any version, scheduled ones included), as printable HTML in the
/// language asked for by `?lang=` or `Accept-Language`.
struct NoticeRoutes: Sendable {
    let service: NoticePages

    func register(_ routes: any RoutesBuilder) {
        routes.get("notice", use: current)
        routes.get("notice", "versions", ":versionID", use: version)
    }

    @Sendable
    func current(_ request: Request) async throws -> Response {
        page(try await service.current(preference: preference(request), on: request.db))
    }

    @Sendable
    func version(_ request: Request) async throws -> Response {
        page(
            try await service.version(
                try request.parameters.require("versionID", as: UUID.self, field: "id"),
                preference: preference(request), on: request.db))
    }

    func preference(_ request: Request) -> NoticePages.Preference {
        NoticePages.Preference(
            explicit: request.query[String.self, at: "lang"],
            acceptLanguage: request.headers.first(name: .acceptLanguage))
    }

    func page(_ page: NoticePages.Page) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: "Content-Language", value: page.language)
        headers.replaceOrAdd(name: .vary, value: "Accept-Language")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=60")
        return Response(status: .ok, headers: headers, body: .init(string: page.html))
    }
}
