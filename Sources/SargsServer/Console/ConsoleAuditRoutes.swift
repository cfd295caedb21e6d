import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/audit`: the chain a page at a time, filtered by subject, actor or action, with the
/// check of the page shown; members who may verify the whole chain see its status too.
struct ConsoleAuditRoutes: Sendable {
    let service: AuditService
    let pages: ConsolePages

    func register(_ console: any RoutesBuilder) {
        console.get("audit", use: list)
    }

    struct Page: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            var sequence: Int64
            var time: String
            var actor: String
            var action: String
            var subject: String?
            var purpose: String?
            var categories: String
            var result: String
        }
        var entries: [Entry]
        var hasEntries: Bool
        var subject: String
        var actor: String
        var action: String
        var actions: [ConsoleOption]
        var pageCheck: String
        var chain: String?
        var chainIntact: Bool
        var verifyHref: String?
        var next: String?
        var first: String?
    }

    @Sendable
    func list(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .auditRead)
        let subject = request.query[String.self, at: "subject"].flatMap { $0.isEmpty ? nil : $0 }
        let actor = request.query[String.self, at: "actor"].flatMap { $0.isEmpty ? nil : $0 }
        let action = request.query[String.self, at: "action"].flatMap { $0.isEmpty ? nil : $0 }
        let after = request.query[Int64.self, at: "after"]
        let result = try await service.page(
            subject: try request.uuidQuery("subject", emptyIsAbsent: true), actor: actor,
            action: try AuditAction.parsed(action), after: after,
            limit: 50,
            on: request.db)
        var chain: String?
        var intact = true
        // The whole chain is read on request only: on a large trail it is a long read.
        if principal.may(.auditVerify) && request.query[String.self, at: "verify"] == "1" {
            let verification = try await service.verifyChain(on: request.db)
            intact = verification.intact
            chain =
                verification.intact
                ? pages.text("console.audit.intact", request, ["value": "\(verification.entries ?? 0)"])
                : pages.text(
                    "console.audit.broken", request,
                    ["value": "\(verification.brokenAt ?? 0): \(verification.reason ?? "")"])
            // Like the reasons of a break, the caveat of a chain without a signed head is in English.
            if let warning = verification.warning, let text = chain { chain = "\(text) (\(warning))" }
        }
        let filters = "subject=\(subject ?? "")&actor=\(actor ?? "")&action=\(action ?? "")"
        // What each entry records, in words; the stored code stays the filter's value.
        let lang = pages.language(request)
        func words(_ action: String) -> String {
            let key = "console.audit.action.\(action)"
            return ConsoleText.english.keys.contains(key) ? ConsoleText.text(key, language: lang) : action
        }
        let page = Page(
            entries: result.entries.map {
                .init(
                    sequence: $0.sequence, time: ConsoleFormat.time($0.time), actor: $0.actor, action: words($0.action),
                    subject: $0.subjectID,
                    purpose: $0.purpose, categories: $0.categories.joined(separator: ", "), result: $0.result)
            },
            hasEntries: !result.entries.isEmpty,
            subject: subject ?? "", actor: actor ?? "", action: action ?? "",
            actions: AuditAction.allCases.map {
                ConsoleOption(value: $0.rawValue, key: words($0.rawValue), selected: $0.rawValue == action)
            },
            pageCheck: result.verification, chain: chain, chainIntact: intact,
            verifyHref: principal.may(.auditVerify) && chain == nil ? "/console/audit?\(filters)&verify=1" : nil,
            next: result.nextAfter.map { "/console/audit?\(filters)&after=\($0)" },
            first: after == nil ? nil : "/console/audit?\(filters)")
        return try await pages.render("console-audit", title: "console.audit.title", page, request)
    }
}
