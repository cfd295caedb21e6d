import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/sign-in`: the address, then the e-mailed code, then the second factor when the member
/// has one (or must enrol one); `/console/sign-out`. The sign-in in progress travels as a sealed
/// token in the path, so the pages name no address and no row id.
struct ConsoleSignInRoutes: Sendable {
    static let tokenContext = "console-sign-in|v1"
    let service: StaffSignIn
    let pages: ConsolePages
    let clients: ClientAddress

    var context: SargsContext { pages.context }

    func register(_ console: any RoutesBuilder, signedIn: any RoutesBuilder) {
        console.get("sign-in", use: form)
        console.post("sign-in", use: start)
        console.get("sign-in", ":token", use: codeForm)
        console.post("sign-in", ":token", use: code)
        console.post("sign-in", ":token", "totp", use: secondFactor)
        console.post("sign-in", ":token", "enrol", use: enrol)
        signedIn.post("sign-out", use: signOut)
    }

    struct CodePage: Encodable, Sendable {
        var step: String
        var action: String
        var qr = ""
        var secret = ""
        var enrolment = ""
    }

    struct Empty: Encodable, Sendable {}

    @Sendable
    func form(_ request: Request) async throws -> Response {
        try await pages.render("console-sign-in", title: "console.sign_in.title", Empty(), request)
    }

    @Sendable
    func start(_ request: Request) async throws -> Response {
        guard pages.acceptsForm(request) else { return try await refused(request) }
        do {
            let email = try? request.content.get(String.self, at: "email")
            let id = try await UniformTiming.padded {
                try await service.start(
                    email: email, clientIP: clients.of(request), language: pages.language(request), on: request.db)
            }
            return request.redirect(
                to: "/console/sign-in/\(try SealedToken.seal(id, context: Self.tokenContext, with: context.masterKey))",
                redirectType: .normal)
        } catch let error as DomainError {
            return try await pages.render(
                "console-sign-in", title: "console.sign_in.title", Empty(), status: pages.status(of: error),
                error: pages.message(for: error, request), request)
        }
    }

    func signIn(_ request: Request) -> (UUID, String)? {
        guard let token = request.parameters.get("token"),
            let id = SealedToken.open(UUID.self, from: token, context: Self.tokenContext, with: context.masterKey)
        else { return nil }
        return (id, "/console/sign-in/\(token)")
    }

    @Sendable
    func codeForm(_ request: Request) async throws -> Response {
        guard let (_, path) = signIn(request) else {
            return request.redirect(to: "/console/sign-in", redirectType: .normal)
        }
        return try await pages.render(
            "console-code", title: "console.sign_in.code_title", CodePage(step: "code", action: path), request)
    }

    @Sendable
    func code(_ request: Request) async throws -> Response {
        guard let (id, path) = signIn(request) else {
            return request.redirect(to: "/console/sign-in", redirectType: .normal)
        }
        guard pages.acceptsForm(request) else { return try await refused(request) }
        do {
            switch try await service.confirmCode(
                signIn: id, code: (try? request.content.get(String.self, at: "code")) ?? "", on: request.db)
            {
            case .session(let token): return try await signedIn(request, token)
            case .secondFactor:
                return try await pages.render(
                    "console-code", title: "console.totp.title", CodePage(step: "totp", action: "\(path)/totp"), request
                )
            case .enrol(let offer):
                return try await enrolmentPage(request, action: "\(path)/enrol", offer: offer)
            }
        } catch let error as DomainError {
            return try await pages.render(
                "console-code", title: "console.sign_in.code_title", CodePage(step: "code", action: path),
                status: pages.status(of: error), error: pages.message(for: error, request), request)
        }
    }

    @Sendable
    func secondFactor(_ request: Request) async throws -> Response {
        guard let (id, path) = signIn(request) else {
            return request.redirect(to: "/console/sign-in", redirectType: .normal)
        }
        guard pages.acceptsForm(request) else { return try await refused(request) }
        do {
            let token = try await service.confirmSecondFactor(
                signIn: id, code: (try? request.content.get(String.self, at: "totp")) ?? "",
                on: request.db)
            return try await signedIn(request, token)
        } catch let error as DomainError {
            return try await pages.render(
                "console-code", title: "console.totp.title", CodePage(step: "totp", action: "\(path)/totp"),
                status: pages.status(of: error), error: pages.message(for: error, request), request)
        }
    }

    @Sendable
    func enrol(_ request: Request) async throws -> Response {
        guard let (id, _) = signIn(request) else {
            return request.redirect(to: "/console/sign-in", redirectType: .normal)
        }
        guard pages.acceptsForm(request) else { return try await refused(request) }
        do {
            let token = try await service.confirmEnrolment(
                signIn: id, sealed: (try? request.content.get(String.self, at: "enrolment")) ?? "",
                code: (try? request.content.get(String.self, at: "totp")) ?? "", on: request.db)
            return try await signedIn(request, token)
        } catch let error as DomainError {
            // The secret shown once is not shown again: the sign-in starts over.
            return try await pages.render(
                "console-sign-in", title: "console.sign_in.title", Empty(), status: pages.status(of: error),
                error: pages.message(for: error, request), request)
        }
    }

    /// Renders the enrolment step: the QR code of the provisioning URI, and the secret to type.
    func enrolmentPage(_ request: Request, action: String, offer: StaffSignIn.Enrolment.Offer) async throws -> Response
    {
        try await pages.render(
            "console-code", title: "console.totp.enrol_title",
            CodePage(
                step: "enrol", action: action, qr: try QRCode(text: offer.uri).svg(), secret: offer.secret,
                enrolment: offer.sealed), request)
    }

    /// Sets the new session's cookie, ending the session this browser held before, if any.
    func signedIn(_ request: Request, _ token: String) async throws -> Response {
        if let previous = try await service.sessions.resolve(
            request.cookies[ConsoleAuthentication.cookieName]?.string, on: request.db)
        {
            try await service.sessions.end(previous, everywhere: false, on: request.db)
        }
        let response = request.redirect(to: "/console", redirectType: .normal)
        response.cookies[ConsoleAuthentication.cookieName] = HTTPCookies.Value(
            string: token, path: "/console", isSecure: pages.forms.secure, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    @Sendable
    func signOut(_ request: Request) async throws -> Response {
        guard pages.acceptsForm(request) else { return try await refused(request) }
        let everywhere = (try? request.content.get(String.self, at: "everywhere")) == "1"
        try await service.sessions.end(try request.staff, everywhere: everywhere, on: request.db)
        let response = request.redirect(to: "/console/sign-in", redirectType: .normal)
        response.cookies[ConsoleAuthentication.cookieName] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), path: "/console",
            isSecure: pages.forms.secure, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    func refused(_ request: Request) async throws -> Response {
        try await pages.render(
            "console-sign-in", title: "console.sign_in.title", Empty(), status: .forbidden,
            error: pages.text("console.error.form", request), request)
    }
}
