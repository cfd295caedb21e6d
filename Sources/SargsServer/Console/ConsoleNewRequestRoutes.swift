import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/requests/new`: a request that arrived by e-mail, post, telephone or in person,
/// entered by staff with the day it arrived (the deadline runs from it), the person's address if
/// any, their words, and the identity check staff made. It goes through `RequestService.submit`
/// and `attest`, the code path `POST /v1/requests` and `…/verify` take.
struct ConsoleNewRequestRoutes: Sendable {
    let service: RequestService
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        let requests = console.grouped("requests", "new")
        requests.get(use: form)
        // Room for the signed file (at most 5 MB) beside the fields.
        requests.on(.POST, body: .collect(maxSize: "6mb"), use: submit)
    }

    /// The posted form: text fields, and the signed file when one is attached.
    struct NewRequestForm: Decodable {
        var fields: [String: String] = [:]
        var signedFile: File?

        struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            for key in container.allKeys {
                if key.stringValue == "signed_file" {
                    signedFile = try? container.decode(File.self, forKey: key)
                } else if let value = try? container.decode(String.self, forKey: key) {
                    fields[key.stringValue] = value
                }
            }
        }
    }

    struct FormPage: Encodable, Sendable {
        var types: [ConsoleOption]
        var channels: [ConsoleOption]
        var languages: [ConsoleOption]
        var methods: [ConsoleOption]
        var today: String
    }

    func page(_ request: Request) -> FormPage {
        let context = pages.context
        let rules = context.rules
        let rights = rules.requestClock.profile.rights
        return FormPage(
            types: RequestType.allCases.filter { rights.contains($0.right) }
                .map { ConsoleOption(value: $0.rawValue, key: "console.rtype.\($0.rawValue)", selected: false) },
            channels: [RequestChannel.Kind.email, .post, .phone, .inPerson]
                .map {
                    ConsoleOption(value: $0.rawValue, key: "console.channel.\($0.rawValue)", selected: $0 == .email)
                },
            languages: rules.policy.languages.map {
                ConsoleOption(value: $0, key: PageText.languageNames[$0] ?? $0, selected: false)
            },
            methods: ["identity_document", "existing_account", "signed_letter", "in_person"]
                .map { ConsoleOption(value: $0, key: "console.attest.\($0)", selected: false) },
            today: rules.localDay(context.clock.now).description)
    }

    @Sendable
    func form(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsAttest)
        return try await pages.render("console-request-new", title: "console.new_request.title", page(request), request)
    }

    @Sendable
    func submit(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .requestsAttest)
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        let posted = try request.content.decode(NewRequestForm.self)
        let form = posted.fields
        func optional(_ name: String) -> String? {
            form[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let text = optional("text")
        do {
            let body = try DataRequestSubmission(
                type: optional("type") ?? "", subjectID: nil, email: optional("email"),
                language: optional("language") ?? service.ruleSource.current.policy.authoritativeLanguage,
                channel: optional("channel") ?? "", details: text.map { RequestDetails(text: $0) },
                representative: nil, clientIP: nil, receivedOn: optional("received_on"))
            let method = optional("method")
            let created = try await service.submit(
                body, clientIP: "staff-entry", actor: principal.actor, enteredByStaff: true,
                identityChecked: method != nil, on: request.db)
            if let file = posted.signedFile, file.data.readableBytes > 0 {
                try await service.attach(
                    created, name: file.filename,
                    mediaType: file.contentType?.serialize() ?? "application/octet-stream",
                    content: Data(file.data.readableBytesView), actor: principal.actor, on: request.db)
            }
            if let method, created.signatureRequired == nil, created.status != .verified {
                try await service.attest(
                    created, .init(method: method, checked: optional("checked") ?? ""), actor: principal.actor,
                    on: request.db)
            }
            return request.redirect(to: "/console/requests/\(try created.requireID().wire)", redirectType: .normal)
        } catch let error as DomainError {
            return try await pages.render(
                "console-request-new", title: "console.new_request.title", page(request),
                status: pages.status(of: error), error: pages.message(for: error, request), request)
        }
    }
}
