import Fluent
import Foundation
import NIOCore
@testable import SargsKit
@testable import SargsServer
import Testing
import Vapor
import VaporTesting

/// A browser for the console in tests: a cookie jar (form token, session, language), form posts,
/// and the sign-in with the code read from the outbox.
struct ConsoleBrowser {
    let app: Application
    var cookies: [String: String] = [:]
    /// The last page's form token.
    var csrf = ""

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    mutating func keep(_ response: TestingHTTPResponse) {
        for set in response.headers[.setCookie] {
            guard let pair = set.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if value.isEmpty || set.contains("Expires=Thu, 01 Jan 1970") {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
        if let token = response.body.string.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map({ String($0.1) }) {
            csrf = token
        }
    }

    @discardableResult
    mutating func open(_ path: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        keep(response)
        return response
    }

    /// Posts a form with this browser's token (unless `csrf` is given) and cookies.
    @discardableResult
    mutating func post(
        _ path: String, _ fields: [(String, String)], csrf override: String? = nil
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
        let all = [("csrf", override ?? csrf)] + fields
        let body = all.map {
            """
            \($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)\
            =\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            """
        }
        .joined(separator: "&")
        let response = try await app.testing().sendRequest(
            .POST, path, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// Posts a multipart form (`enctype="multipart/form-data"`) with a file, as a browser uploads one.
    @discardableResult
    mutating func postMultipart(
        _ path: String, _ fields: [(String, String)], file: (field: String, name: String, data: Data)
    ) async throws
        -> TestingHTTPResponse
    {
        let boundary = "sargs-test-boundary"
        var body = Data()
        for (name, value) in [("csrf", csrf)] + fields {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                """
                --\(boundary)\r\nContent-Disposition: form-data; name="\(file.field)"; filename="\(file.name)"\r\n\
                Content-Type: application/vnd.etsi.asic-e+zip\r\n\r\n
                """.utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookieHeader) }
        let response = try await app.testing().sendRequest(
            .POST, path, headers: headers, body: ByteBuffer(bytes: [UInt8](body)))
        keep(response)
        return response
    }

    /// The path a sign-in page posts its `step` (`totp`, `enrol`) to, without the leading slash.
    static func signInStep(_ step: String, in response: TestingHTTPResponse) throws -> String {
        let pattern = try Regex(#"action="/(console/sign-in/[^"]+/"# + step + #")""#)
        return try #require(response.body.string.firstMatch(of: pattern)?.output[1].substring.map(String.init))
    }

    /// The authenticator key an enrolment page shows once, and its sealed form value.
    static func secret(in response: TestingHTTPResponse) throws -> String {
        try #require(response.body.string.firstMatch(of: /<code>([A-Z2-7]+)<\/code>/).map { String($0.1) })
    }

    static func enrolment(in response: TestingHTTPResponse) throws -> String {
        try #require(response.body.string.firstMatch(of: /name="enrolment" value="([^"]+)"/).map { String($0.1) })
    }

    /// Asks for a code for `email`; the path of the code page.
    mutating func requestCode(_ email: String) async throws -> String {
        try await open("console/sign-in")
        let started = try await post("console/sign-in", [("email", email)])
        #expect(started.status == .seeOther, "\(started.body.string)")
        return String(try #require(started.headers.first(name: .location)).dropFirst())
    }

    /// Signs in with the e-mailed code; the response to the code post.
    @discardableResult
    mutating func signIn(_ email: String) async throws -> TestingHTTPResponse {
        // The new mail, not the newest by file name: mails written in the same millisecond sort at random.
        let before = Set(try await SentMail.deliverAndRead(app).filter { $0.to == email }.map(\.body))
        let codePage = try await requestCode(email)
        let code = try #require(
            try await SentMail.deliverAndRead(app).first(where: { $0.to == email && !before.contains($0.body) })?.code)
        try await open(codePage)
        return try await post(codePage, [("code", code)])
    }
}

/// Staff accounts for console tests.
enum ConsoleStaff {
    static let dpo = "dpo@coral-club.example"
    static let agent = "agent@coral-club.example"
    static let admin = "admin@coral-club.example"

    static func add(_ app: Application, _ context: SargsContext, _ email: String, _ role: Role) async throws {
        _ = try await StaffAccounts(context: context).add(
            email: email, role: role, name: nil, actor: "test", on: app.db)
    }
}
