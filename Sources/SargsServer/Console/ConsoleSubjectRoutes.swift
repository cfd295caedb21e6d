import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/subjects`: find a subject by e-mail or phone (posted, never in a URL; the blind
/// index finds it), then a purpose-bound view — the officer picks the purpose and sees only what
/// it may use, audited as the API's read is — with consents and receipts, relationships,
/// objections, restrictions, holds and disclosures; place or release a hold, lift a restriction.
struct ConsoleSubjectRoutes: Sendable {
    let subjects: SubjectService
    let consents: ConsentService
    let facts: FactService
    let records: RecordService
    let pages: ConsolePages

    var context: SargsContext { pages.context }

    func register(_ console: any RoutesBuilder) {
        let routes = console.grouped("subjects")
        routes.get(use: lookupForm)
        routes.post("lookup", use: lookup)
        routes.get(":subjectID", use: show)
        routes.get(":subjectID", "receipts", ":eventID", use: receipt)
        routes.post(":subjectID", "holds", use: addHold)
        routes.post(":subjectID", "holds", ":holdID", "release", use: releaseHold)
        routes.post(":subjectID", "restrictions", ":restrictionID", "lift", use: lift)
    }

    struct LookupPage: Encodable, Sendable {
        var purposes: [ConsoleOption]
    }

    func purposes(selected: String?, _ request: Request) -> [ConsoleOption] {
        let rules = context.rules
        let lang = pages.language(request)
        return rules.policy.purposes.map { purpose in
            ConsoleOption(
                value: purpose.id, key: purpose.label.text(in: lang, fallback: rules.policy.authoritativeLanguage),
                selected: purpose.id == selected)
        }
    }

    @Sendable
    func lookupForm(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .subjectsRead)
        return try await pages.render(
            "console-lookup", title: "console.subjects.title", LookupPage(purposes: purposes(selected: nil, request)),
            request)
    }

    @Sendable
    func lookup(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .subjectsRead)
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        struct Form: Content { var contact: String?; var purpose: String? }
        let form = try request.content.decode(Form.self)
        let contact = (form.contact ?? "").trimmingCharacters(in: .whitespaces)
        let lookup = SubjectLookup(
            contact: contact.contains("@") ? .email(contact) : .phone(contact), purpose: form.purpose ?? "")
        do {
            let read = try await subjects.lookup(lookup, by: principal, on: request.db)
            return try await page(request, subject: read.subjectID, read: read, principal: principal)
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            return try await pages.render(
                "console-lookup", title: "console.subjects.title",
                LookupPage(purposes: purposes(selected: form.purpose, request)),
                status: pages.status(of: error), error: pages.message(for: error, request), request)
        }
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .subjectsRead)
        let id = try request.parameters.require("subjectID", as: UUID.self, field: "id")
        var read: PurposeBoundRead?
        if let purpose = request.query[String.self, at: "purpose"], !purpose.isEmpty {
            read = try await subjects.read(id, purpose: purpose, by: principal, on: request.db)
        }
        return try await page(request, subject: id, read: read, principal: principal)
    }

    struct SubjectPage: Encodable, Sendable {
        struct Value: Encodable, Sendable { var category: String; var value: String }
        struct Consent: Encodable, Sendable {
            var purpose: String
            var channel: String?
            var state: String
            var at: String
            var method: String?
            var receipt: String?
        }
        struct Hold: Encodable, Sendable {
            var id: String
            var reason: String
            var categories: String
            var until: String?
            var since: String
            var released: String?
        }
        struct Restriction: Encodable, Sendable {
            var id: String
            var purpose: String
            var since: String
            var lifted: String?
        }
        struct Line: Encodable, Sendable { var text: String }

        var id: String
        var purposes: [ConsoleOption]
        var hasRead: Bool
        var readPurpose: String
        var allowed: Bool
        var reason: String
        var legalBasis: String
        var values: [Value]
        var current: [Consent]?
        var history: [Consent]?
        var relationships: [Line]?
        var objections: [Line]?
        var restrictions: [Restriction]?
        var mayLift: Bool
        var mayHold: Bool
        /// The policy's categories for a hold's checklist.
        var holdCategories: [ConsoleCategoryChoice]
        var holds: [Hold]?
        var mayReadDisclosures: Bool
        var disclosures: [Line]?
    }

    func page(
        _ request: Request, subject id: UUID, read: PurposeBoundRead?, principal: Principal,
        status: HTTPResponseStatus = .ok, error: String? = nil, notice: String? = nil
    ) async throws -> Response {
        let rules = context.rules
        let db = request.db
        let lang = pages.language(request)
        let policy = rules.policy
        func label(_ purpose: String?) -> String {
            guard let purpose else { return ConsoleText.text("console.subject.all_purposes", language: lang) }
            return policy.purpose(purpose)?.label.text(in: lang, fallback: policy.authoritativeLanguage) ?? purpose
        }
        let labels = try NoticeBuilder(policy: policy, language: lang)
        func category(_ key: String) -> String { labels.categoryLabel(key) }
        let mayReadFacts = principal.may(.factsRead)
        let overview =
            mayReadFacts
            ? try await consents.overview(subject: id, by: principal, on: db)
            : ConsentOverview(current: [], history: [])
        let facts =
            mayReadFacts
            ? try await facts.facts(subject: id, on: db)
            : SubjectFactList(relationships: [], objections: [], restrictions: [])
        let holds = principal.may(.holdsManage) ? try await records.holds(subject: id, on: db) : []
        let disclosures = principal.may(.disclosuresRead) ? try await records.disclosures(subject: id, on: db) : []
        let time = ConsoleFormat.time
        // Consent states and channels in words, as the person's own pages name them.
        func state(_ raw: String) -> String { ConsoleText.text("console.consent.\(raw)", language: lang) }
        func channel(_ raw: String?) -> String? { raw.map { ConsoleText.text("page.channel.\($0)", language: lang) } }
        func directMarketing(_ direct: Bool) -> String {
            direct ? " · " + ConsoleText.text("console.subject.direct_marketing", language: lang) : ""
        }
        let page = SubjectPage(
            id: id.wire, purposes: purposes(selected: read?.purpose, request), hasRead: read != nil,
            readPurpose: label(read?.purpose),
            allowed: read?.decision.allowed ?? false, reason: read?.decision.reason.rawValue ?? "",
            legalBasis: read.map {
                ConsoleText.text("console.basis.\($0.decision.legalBasis.rawValue)", language: lang)
            }
                ?? "",
            values: (read?.data ?? [:]).sorted { $0.key < $1.key }.map {
                SubjectPage.Value(category: category($0.key), value: $0.value)
            },
            current: overview.current.map {
                .init(
                    purpose: label($0.purpose), channel: channel($0.channel), state: state($0.state),
                    at: time($0.since),
                    method: nil, receipt: nil)
            },
            history: overview.history.map {
                .init(
                    purpose: label($0.purpose), channel: channel($0.channel), state: state($0.state),
                    at: time($0.recordedAt),
                    method: ConsentMethodWords.staff($0.method, language: lang),
                    receipt: "/console/subjects/\(id.wire)/receipts/\($0.id)")
            },
            relationships: facts.relationships.map {
                .init(text: "\($0.kind): \(time($0.start))\($0.end.map { " – \(time($0))" } ?? "")")
            },
            objections: facts.objections.map {
                .init(
                    text:
                        "\(label($0.purpose))\(directMarketing($0.directMarketing)) · \(time($0.since))"
                )
            },
            restrictions: facts.restrictions.map {
                .init(id: $0.id, purpose: label($0.purpose), since: time($0.since), lifted: $0.liftedAt.map(time))
            },
            mayLift: principal.may(.restrictionsLift), mayHold: principal.may(.holdsManage),
            holdCategories: principal.may(.holdsManage)
                ? try ConsoleCategoryChoice.all(of: policy, language: lang) : [],
            holds: holds.map {
                .init(
                    id: $0.id, reason: $0.reason,
                    categories: $0.categories.isEmpty ? "—" : $0.categories.map(category).joined(separator: ", "),
                    until: $0.until.map { ConsoleFormat.day(iso: $0) }, since: time($0.createdAt),
                    released: $0.releasedAt.map(time))
            },
            mayReadDisclosures: principal.may(.disclosuresRead),
            disclosures: disclosures.map {
                .init(
                    text:
                        "\($0.recipient) · \(label($0.purpose)) · "
                        + "\($0.categories.map(category).joined(separator: ", ")) · \(time($0.disclosedAt))"
                )
            })
        return try await pages.render(
            "console-subject", title: "console.subject.title", page.withoutEmptyLists(), status: status, error: error,
            notice: notice, request)
    }

    @Sendable
    func receipt(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .factsRead)
        let receipt = try await consents.receipt(
            subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
            event: try request.parameters.require("eventID", as: UUID.self, field: "event_id"),
            by: principal, on: request.db)
        let response = Response(status: .ok, body: .init(data: try receipt.json()))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"consent-receipt.json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Runs a subject action and shows the subject again, with the error on the page when refused.
    func act(
        _ request: Request, _ permission: Permission, _ body: (Principal, [String: String]) async throws -> Void
    ) async throws -> Response {
        let principal = try request.principal(for: permission)
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        let form = try request.content.decode([String: String].self)
        let id = try request.parameters.require("subjectID", as: UUID.self, field: "id")
        do {
            try await body(principal, form)
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            return try await page(
                request, subject: id, read: nil, principal: principal, status: pages.status(of: error),
                error: pages.message(for: error, request))
        }
        return request.redirect(to: "/console/subjects/\(id.wire)", redirectType: .normal)
    }

    @Sendable
    func addHold(_ request: Request) async throws -> Response {
        try await act(request, .holdsManage) { principal, form in
            let categories = form.filter { $0.key.hasPrefix("category_") && $0.value == "1" }.map {
                String($0.key.dropFirst("category_".count))
            }.sorted()
            _ = try await records.addHold(
                AddHold(
                    reason: form["reason"] ?? "", categories: categories.isEmpty ? nil : categories,
                    until: try AddHold.date(form["until"])),
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"), by: principal,
                on: request.db)
        }
    }

    @Sendable
    func releaseHold(_ request: Request) async throws -> Response {
        try await act(request, .holdsManage) { principal, _ in
            try await records.releaseHold(
                subject: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                hold: try request.parameters.require("holdID", as: UUID.self, field: "hold_id"), by: principal,
                on: request.db)
        }
    }

    @Sendable
    func lift(_ request: Request) async throws -> Response {
        try await act(request, .restrictionsLift) { principal, form in
            let lift = LiftRestriction(
                subjectID: try request.parameters.require("subjectID", as: UUID.self, field: "id"),
                restrictionID: try request.parameters.require("restrictionID", as: UUID.self, field: "restriction_id"),
                reason: form["reason"], effectiveAt: nil, subjectInformed: form["subject_informed"] == "1")
            _ = try await facts.liftRestriction(lift, by: principal, on: request.db)
        }
    }
}

extension ConsoleSubjectRoutes.SubjectPage {
    /// Empty lists as nil: a Leaf condition is true for any array, even an empty one.
    func withoutEmptyLists() -> Self {
        var page = self
        func none<T>(_ list: [T]?) -> [T]? { list?.isEmpty == false ? list : nil }
        page.current = none(current)
        page.history = none(history)
        page.relationships = none(relationships)
        page.objections = none(objections)
        page.restrictions = none(restrictions)
        page.holds = none(holds)
        page.disclosures = none(disclosures)
        return page
    }
}
