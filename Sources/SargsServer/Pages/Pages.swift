import Foundation
import SargsCore
import Leaf
import LeafKit
import SargsKit
import Vapor

/// Server-rendered public pages: Leaf templates bundled with the server, one stylesheet, and the
/// headers every page carries (a strict Content-Security-Policy, no referrer, no framing).
enum Pages {
    /// The bundled `Resources/Views` and `Resources/Public` folders.
    static var viewsDirectory: String { resourceDirectory("Views") }
    static var publicDirectory: String { resourceDirectory("Public") }

    static func resourceDirectory(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
            fatalError("SargsServer resource folder \(name) is missing from the bundle")
        }
        return url.path + "/"
    }

    /// Renders templates from the bundle, whatever the working directory. The bundle may sit under
    /// a hidden folder (`.build`), so only the sandbox and the `.leaf` extension are enforced.
    static func configure(_ app: Application) {
        app.views.use(.leaf)
        app.leaf.sources = .singleSource(
            NIOLeafFiles(
                fileio: app.fileio, limits: [.toSandbox, .requireExtensions, .onlyLeafExtensions],
                sandboxDirectory: viewsDirectory,
                viewDirectory: viewsDirectory))
        app.leaf.tags["t"] = ConsoleTextTag()
    }

    /// The stylesheet, read once.
    static let stylesheet: String = {
        (try? String(contentsOfFile: publicDirectory + "sargs.css", encoding: .utf8)) ?? ""
    }()

    /// No script, no third-party asset, forms only to this origin; never inside a frame.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    /// Renders `template` with `context` as an HTML response with the pages' headers.
    static func render(
        _ template: String, _ context: some Encodable & Sendable, status: HTTPResponseStatus = .ok,
        language: String, on request: Request
    ) async throws -> Response {
        let view = try await request.view.render(template, context)
        let response = Response(status: status, body: .init(buffer: view.data))
        response.headers.contentType = .html
        secure(response, language: language)
        return response
    }

    /// This page's path and query without `lang`, for the language switcher.
    static func selfPath(_ request: Request) -> String {
        let others = (request.url.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }
        return request.url.path + (others.isEmpty ? "" : "?" + others.joined(separator: "&"))
    }

    /// The headers every page carries.
    static func secure(_ response: Response, language: String) {
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Content-Language", value: language)
    }

    /// `GET /assets/sargs.css`.
    static func registerAssets(_ app: Application, context: SargsContext) {
        let rules = context.rules
        app.get("assets", "sargs.css") { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
            // The company's colour (`branding.colour`, checked for contrast) for links and buttons.
            let brand = rules.policy.branding?.colour.map { ":root{--accent:\($0)}" } ?? ""
            return Response(status: .ok, headers: headers, body: .init(string: stylesheet + brand))
        }
        if let logo = app.brandLogo {
            app.get("assets", "logo") { _ -> Response in
                var headers = HTTPHeaders()
                headers.contentType = logo.contentType
                headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
                headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
                // An SVG opened on its own runs nothing.
                headers.replaceOrAdd(
                    name: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'")
                return Response(status: .ok, headers: headers, body: .init(data: logo.data))
            }
        }
    }
}
