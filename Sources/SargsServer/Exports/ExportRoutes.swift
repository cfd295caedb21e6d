import Fluent
import Foundation
import Vapor

/// `GET /v1/exports/{token}`: the access or portability package behind an expiring signed link.
struct ExportRoutes: Sendable {
    let service: ExportService

    func register(_ routes: any RoutesBuilder) {
        routes.get("v1", "exports", ":token", use: download)
    }

    @Sendable
    func download(_ request: Request) async throws -> Response {
        try await service.download(token: request.parameters.get("token"), on: request.db).response()
    }
}

extension ExportService.Package {
    /// The package as a zip download that no cache keeps.
    func response() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }
}
