import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/policy`: the version in force and its history with each version's material changes
/// and notice progress (`PolicyVersionService`), the notice in every language, and the record of
/// processing (Art. 30) as CSV or HTML, rendered by the core's `RecordWriter`.
struct ConsolePolicyRoutes: Sendable {
    let versions: PolicyVersionService
    let pages: ConsolePages

    var context: SargsContext { pages.context }

    func register(_ console: any RoutesBuilder) {
        let policy = console.grouped("policy")
        policy.get(use: show)
        policy.get("record.csv", use: recordCSV)
        policy.get("record.html", use: recordHTML)
    }

    struct Page: Encodable, Sendable {
        struct Version: Encodable, Sendable {
            var version: String
            var effectiveOn: String
            var publishedAt: String
            var publishedBy: String
            var inForce: Bool
            var scheduled: Bool
            var material: Bool
            var changes: [String]
            var renewedConsent: String?
            var notices: String
            var noticeURL: String
        }
        struct Notice: Encodable, Sendable { var name: String; var href: String }

        var current: String
        var versions: [Version]
        var notices: [Notice]
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        let rules = context.rules
        _ = try request.principal(for: .policyManage)
        let policy = rules.policy
        let today = rules.localDay(context.clock.now).description
        let rows = try await versions.list(on: request.db).reversed().map { view in
            Page.Version(
                version: view.version, effectiveOn: view.effectiveOn, publishedAt: ConsoleFormat.time(view.publishedAt),
                publishedBy: view.publishedBy, inForce: view.inForce, scheduled: view.effectiveOn > today,
                material: view.material,
                changes: view.changes,
                renewedConsent: view.renewedConsent.isEmpty ? nil : view.renewedConsent.joined(separator: ", "),
                notices: "\(view.notices.state) · \(view.notices.queued)/\(view.notices.subjectsChecked)",
                noticeURL: view.noticeURL)
        }
        let page = Page(
            current: policy.policy.version, versions: rows,
            notices: policy.languages.map {
                Page.Notice(name: PageText.languageNames[$0] ?? $0, href: "/notice?lang=\($0)")
            })
        return try await pages.render("console-policy", title: "console.policy.title", page, request)
    }

    @Sendable
    func recordCSV(_ request: Request) async throws -> Response {
        let rules = context.rules
        _ = try request.principal(for: .policyManage)
        let record = try RecordOfProcessing(
            policy: rules.policy, language: pages.language(request).recordLanguage(in: rules.policy))
        return download(
            RecordWriter.csv(record),
            type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
            filename: "record-of-processing.csv")
    }

    @Sendable
    func recordHTML(_ request: Request) async throws -> Response {
        let rules = context.rules
        _ = try request.principal(for: .policyManage)
        let language = pages.language(request).recordLanguage(in: rules.policy)
        let record = try RecordOfProcessing(policy: rules.policy, language: language)
        return download(
            RecordWriter.html(record, language: language), type: .html, filename: "record-of-processing.html")
    }

    func download(_ text: String, type: HTTPMediaType, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

extension String {
    /// This console language if the policy publishes in it, else the policy's authoritative one.
    func recordLanguage(in policy: Policy) -> String {
        policy.languages.contains(self) ? self : policy.authoritativeLanguage
    }
}
