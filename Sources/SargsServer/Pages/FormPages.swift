import SargsCore
import SargsKit
import Vapor

/// Rendering a public page that carries a form: the page language, and the form token with its
/// cookie set when the visitor has none.
struct FormPages: Sendable {
    let context: SargsContext
    let forms: FormProtection

    func text(_ request: Request) throws -> PageText {
        let rules = context.rules
        return try PageText(
            policy: rules.policy, explicit: request.query[String.self, at: "lang"],
            acceptLanguage: request.headers.first(name: .acceptLanguage))
    }

    func render(
        _ template: String, _ build: (String) throws -> some Encodable & Sendable, text: PageText,
        status: HTTPResponseStatus = .ok,
        _ request: Request
    ) async throws -> Response {
        var cookies = HTTPCookies()
        let csrf = forms.token(for: request, setting: &cookies)
        let response = try await Pages.render(
            template, try build(csrf), status: status, language: text.language, on: request)
        for (name, value) in cookies.all { response.cookies[name] = value }
        return response
    }
}
