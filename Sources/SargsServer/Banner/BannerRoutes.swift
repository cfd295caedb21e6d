import Fluent
import SargsCore
import SargsKit
import Vapor

/// The consent banner for the company's website: `GET /consent.js` (public; `?lang=` for one
/// language), `POST /consent/cookies` (public, what the script records; a simple request, so no
/// CORS preflight), and `GET /v1/cookie-consents?visitor_id=` (admin, dpo) to show a visitor's choices.
struct BannerRoutes: Sendable {
    let service: BannerService
    let clients: ClientAddress

    func register(_ routes: any RoutesBuilder) {
        routes.get("consent.js", use: script)
        routes.on(.POST, "consent", "cookies", body: .collect(maxSize: "16kb"), use: record)
        routes.get("v1", "cookie-consents", use: records)
    }

    @Sendable
    func script(_ request: Request) async throws -> Response {
        let script = try service.script(language: request.query[String.self, at: "lang"])
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(
            type: "application", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(string: script))
    }

    @Sendable
    func record(_ request: Request) async throws -> Response {
        let body = request.body.data.map { Data($0.readableBytesView) } ?? Data()
        try await service.record(
            try CookieChoice(decoding: body), secGPC: request.headers.first(name: "Sec-GPC") == "1",
            client: clients.of(request), on: request.db)
        let response = Response(status: .noContent)
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return response
    }

    @Sendable
    func records(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .cookieConsentsRead)
        struct Records: Encodable { var records: [CookieConsentView] }
        return try SnakeCaseJSON.response(
            Records(
                records: try await service.records(
                    visitor: try request.textQuery("visitor_id"),
                    on: request.db)))
    }
}
