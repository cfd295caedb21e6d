import Fluent
import Foundation
import SargsCore
import Vapor

/// `/console/account`: the member's role and permissions, enrolling a TOTP second factor (the QR
/// code is shown once, the first code proves the scan; replacing one needs a code from the app in
/// use and ends the member's other sessions), and signing out everywhere.
struct ConsoleAccountRoutes: Sendable {
    let signIn: StaffSignIn
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        let account = console.grouped("account")
        account.get(use: show)
        account.post("totp", use: startEnrolment)
        account.post("totp", "confirm", use: confirmEnrolment)
    }

    struct Page: Encodable, Sendable {
        var role: String
        var secondFactor: Bool
        var permissions: [String]
        var enrolling: Bool
        var qr: String?
        var secret: String?
        var enrolment: String?
    }

    func page(
        _ request: Request, enrolment: StaffSignIn.Enrolment.Offer? = nil, status: HTTPResponseStatus = .ok,
        error: String? = nil, notice: String? = nil
    ) async throws -> Response {
        let staff = try request.staff
        let page = Page(
            role: staff.role.rawValue, secondFactor: staff.secondFactor,
            permissions: Permission.allCases.filter { $0.isGranted(to: staff.role) }
                .map { ConsoleText.text("console.permission.\($0.rawValue)", language: pages.language(request)) },
            enrolling: enrolment != nil, qr: try enrolment.map { try QRCode(text: $0.uri).svg() },
            secret: enrolment?.secret,
            enrolment: enrolment?.sealed)
        return try await pages.render(
            "console-account", title: "console.account.title", page, status: status, error: error, notice: notice,
            request)
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        try await page(
            request,
            notice: request.query[String.self, at: "enrolled"] == "1"
                ? pages.text("console.totp.enrolled", request) : nil)
    }

    @Sendable
    func startEnrolment(_ request: Request) async throws -> Response {
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        return try await page(
            request, enrolment: try await signIn.newEnrolment(for: try request.staff.staffID, on: request.db))
    }

    @Sendable
    func confirmEnrolment(_ request: Request) async throws -> Response {
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        do {
            try await signIn.enrol(
                try request.staff, sealed: (try? request.content.get(String.self, at: "enrolment")) ?? "",
                code: (try? request.content.get(String.self, at: "totp")) ?? "",
                currentCode: try? request.content.get(String.self, at: "current_totp"), on: request.db)
        } catch let error as DomainError {
            return try await page(request, status: pages.status(of: error), error: pages.message(for: error, request))
        }
        return request.redirect(to: "/console/account?enrolled=1", redirectType: .normal)
    }
}
