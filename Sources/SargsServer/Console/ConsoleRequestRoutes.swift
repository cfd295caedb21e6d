import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// `/console/requests`: the list (filtered, paged) and one request with its timeline and the
/// actions its state and the member's permissions allow. Every action calls `RequestService`,
/// the code path `/v1/requests/{id}/…` takes.
struct ConsoleRequestRoutes: Sendable {
    let service: RequestService
    let exports: ExportService
    let pages: ConsolePages
    let clients: ClientAddress

    static let pageSize = 25

    func register(_ console: any RoutesBuilder) {
        let requests = console.grouped("requests")
        requests.get(use: list)
        requests.get(":requestID", use: show)
        requests.get(":requestID", "export", use: export)
        requests.get(":requestID", "attachments", ":attachmentID", use: attachment)
        requests.post(":requestID", ":action", use: act)
    }

    struct ListPage: Encodable, Sendable {
        var rows: [ConsoleRequestRow]
        var hasRows: Bool
        var overdue: Bool
        var statuses: [ConsoleOption]
        var types: [ConsoleOption]
        var next: String?
        var previous: String?
    }

    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(for: .requestsRead)
        let status = request.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : $0 } ?? "open"
        let type = request.query[String.self, at: "type"].flatMap { $0.isEmpty ? nil : $0 }
        let overdue = request.query[String.self, at: "overdue"] == "true"
        let offset = min(max(request.query[Int.self, at: "offset"] ?? 0, 0), 1_000_000)
        let result = try await service.list(
            try .init(
                status: status == "all" ? nil : status, type: type, overdue: overdue,
                limit: Self.pageSize, offset: offset), on: request.db)
        func link(_ offset: Int) -> String {
            "/console/requests?status=\(status)&type=\(type ?? "")&overdue=\(overdue)&offset=\(offset)"
        }
        let statuses = (["open", "unverified"] + RequestStatus.allCases.map(\.rawValue) + ["all"]).map {
            ConsoleOption(value: $0, key: "console.status.\($0)", selected: $0 == status)
        }
        let types = RequestType.allCases.map {
            ConsoleOption(value: $0.rawValue, key: "console.rtype.\($0.rawValue)", selected: $0.rawValue == type)
        }
        let page = ListPage(
            rows: try await ConsoleRequestRow.rows(
                result.requests, today: service.ruleSource.current.localDay(service.serverClock.now), requests: service,
                on: request.db),
            hasRows: !result.requests.isEmpty,
            overdue: overdue, statuses: statuses, types: types, next: result.nextOffset.map(link),
            previous: offset > 0 ? link(max(offset - Self.pageSize, 0)) : nil)
        return try await pages.render("console-requests", title: "console.requests.title", page, request)
    }

    /// One request as its page shows it.
    struct DetailPage: Encodable, Sendable {
        var request: RequestView
        var reference: String
        var typeKey: String
        var statusKey: String
        var daysLeft: String
        /// Closed: the due date is shown without days left.
        var closed: Bool
        /// The received and due days as the language writes them; how it arrived and the language of its answers, in
        /// words.
        var receivedOn: String
        var dueOn: String
        var channel: String
        var language: String
        var dueReason: String
        /// The extensions the law allows, each with the due date it gives.
        var extensions: [ConsoleOption]
        var actions: [String: Bool]
        var hasActions: Bool
        var rejectKinds: [ConsoleOption]
        var attestMethods: [ConsoleOption]
        var signatureKinds: [ConsoleOption]
        var exportHref: String?
        /// Where the codes and the copy of the data go, and why there.
        var delivery: String
        /// What the person asked, line by line: purposes, direct marketing, corrections, the
        /// portability target, their words, their representative.
        var asked: [String]
        var hasAsked: Bool
        /// For an objection written only in words: the purposes staff may name (and direct marketing).
        var objectionChoices: [ConsoleOption]
        var needsObjectionDecision: Bool
        /// Files that came with the request, for the staff check.
        var attachments: [Attachment]
        var hasAttachments: Bool

        struct Attachment: Encodable, Sendable {
            var href: String
            var label: String
        }
        var today: String
        var events: [Event]
        var messages: [Message]
        var hasMessages: Bool
        var recipients: [Recipient]
        var hasRecipients: Bool
        /// The company's own systems the request reaches, with a retry for a failed one.
        var systems: [System]
        var hasSystems: Bool
        var mayRetrySystems: Bool

        struct System: Encodable, Sendable {
            var system: String
            var state: String
            var failed: Bool
            /// Waiting past its due date: the processor or the owner is late.
            var late: Bool
            var detail: String
            /// Failed or waiting in an open request: staff may close it by hand.
            var resolvable: Bool
        }

        struct Event: Encodable, Sendable {
            var at: String
            var action: String
            var statusKey: String
            var actor: String
            var note: String?
        }

        struct Message: Encodable, Sendable {
            var kind: String
            var topic: String
            var attempts: Int
            var state: String
            var failed: Bool
        }

        struct Recipient: Encodable, Sendable {
            var recipient: String
            var method: String
            var delivery: String
            var confirmed: String?
        }
    }

    static func options(_ values: [String], prefix: String) -> [ConsoleOption] {
        values.map { ConsoleOption(value: $0, key: "\(prefix).\($0)", selected: false) }
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        try await detail(request, error: nil, status: .ok)
    }

    func detail(_ request: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let principal = try request.principal(for: .requestsRead)
        let model = try await RequestQueries.find(
            try request.parameters.require("requestID", as: UUID.self, field: "id"), on: request.db)
        let view = try await service.view(model, detail: true, on: request.db)
        let context = pages.context
        let rules = context.rules
        let available = service.availableActions(model, for: principal)
        var actions: [String: Bool] = [:]
        for action in RequestService.StaffAction.allCases { actions[action.rawValue] = available.contains(action) }
        let exportable = ExportService.isExportable(model) && principal.may(.requestsDecide)
        let lang = pages.language(request)
        let profile = rules.requestClock.profile
        let strings = try NoticeStrings(language: lang)
        let dueReason =
            ConsoleText.text(
                "console.request.due_rule", language: lang, ["value": profile.deadline(for: model.type).words(strings)])
            + (view.extended ? " " + ConsoleText.text("console.request.due_extended", language: lang) : "")
            + (view.pausedDays > 0
                ? " " + ConsoleText.text("console.request.due_paused", language: lang, ["value": "\(view.pausedDays)"])
                : "")
        let text = { (key: String) in ConsoleText.text(key, language: lang) }
        let privateData = try RequestStore.open(model, master: context.masterKey)
        let attachments = try await service.attachments(of: model, on: request.db).map {
            DetailPage.Attachment(
                href: "/console/requests/\(view.id)/attachments/\($0.id.wire)",
                label: "\($0.name) (\($0.mediaType), \(max(1, $0.size / 1024)) KB)")
        }
        let asked = Self.askedLines(privateData, policy: rules.policy, language: lang)
        let objectionChoices =
            model.type == .objection && !RequestService.namesWhatItConcerns(privateData.details)
                && available.contains(.approve) ? Self.objectionChoices(rules.policy, language: lang) : []
        let events = (view.events ?? []).map {
            DetailPage.Event(
                at: ConsoleFormat.time($0.at), action: text("console.event.\($0.action)"),
                statusKey: "console.status.\($0.status)",
                actor: $0.actor, note: $0.note)
        }
        let messages = (view.messages ?? []).map { message in
            DetailPage.Message(
                kind: ConsoleText.kind(message.kind, language: lang),
                topic: ConsoleText.topic(message.topic, language: lang),
                attempts: message.attempts,
                state: message.deliveredAt.map { text("console.request.delivered") + " " + ConsoleFormat.time($0) }
                    ?? message.failedAt.map {
                        text("console.request.failed") + " " + ConsoleFormat.time($0)
                            + (message.lastError.map { " (\($0))" } ?? "")
                    }
                    ?? text("console.request.pending"),
                failed: message.failedAt != nil)
        }
        let recipients = (view.recipients ?? []).map { recipient in
            DetailPage.Recipient(
                recipient: recipient.recipient, method: recipient.method,
                delivery: recipient.failed
                    ? text("console.request.failed")
                    : recipient.deliveredAt.map { text("console.request.delivered") + " " + ConsoleFormat.time($0) }
                        ?? text("console.request.pending"),
                confirmed: recipient.confirmedAt.map(ConsoleFormat.time))
        }
        let systems = (view.systems ?? []).map { system in
            DetailPage.System(
                system: system.system, state: text("console.system.\(system.status)"),
                failed: system.status == "failed", late: system.late == true,
                detail: Self.systemDetail(system, language: lang),
                resolvable: model.status == .inProgress && (system.status == "failed" || system.status == "waiting"))
        }
        let page = DetailPage(
            request: view, reference: String(view.id.prefix(8)), typeKey: "console.rtype.\(view.type)",
            statusKey: "console.status.\(view.status)",
            daysLeft: String(
                CivilDate(iso: view.dueOn).map { $0.dayNumber - rules.localDay(context.clock.now).dayNumber } ?? 0),
            closed: model.status.isFinal,
            receivedOn: ConsoleFormat.day(iso: view.receivedOn), dueOn: ConsoleFormat.day(iso: view.dueOn),
            channel: ConsoleText.text("console.channel.\(view.channel)", language: lang),
            language: PageText.languageNames[view.language] ?? view.language, dueReason: dueReason,
            extensions: Self.extensionChoices(
                model, clock: rules.requestClock, strings: strings, today: rules.localDay(context.clock.now)),
            actions: actions, hasActions: !available.subtracting([.recipient]).isEmpty,
            rejectKinds: Self.options(RejectionKind.allCases.map(\.rawValue), prefix: "console.reject"),
            attestMethods: Self.options(
                ["identity_document", "existing_account", "signed_letter", "in_person"], prefix: "console.attest"),
            signatureKinds: Self.options(
                ["electronic", "qualified_electronic", "handwritten"], prefix: "console.signature"),
            exportHref: exportable ? "/console/requests/\(view.id)/export" : nil,
            delivery: try await deliveryLine(model, language: lang, on: request.db),
            asked: asked, hasAsked: !asked.isEmpty, objectionChoices: objectionChoices,
            needsObjectionDecision: !objectionChoices.isEmpty, attachments: attachments,
            hasAttachments: !attachments.isEmpty,
            today: rules.localDay(context.clock.now).description,
            events: events, messages: messages, hasMessages: !messages.isEmpty, recipients: recipients,
            hasRecipients: !recipients.isEmpty, systems: systems, hasSystems: !systems.isEmpty,
            mayRetrySystems: principal.may(.requestsDecide))
        let done = request.query[String.self, at: "done"].flatMap(RequestService.StaffAction.init(rawValue:)).map(
            \.rawValue
        ).map { action in
            ConsoleText.text(
                "console.request.done", language: lang,
                [
                    "value": ConsoleText.text(
                        action == "recipient" ? "console.request.confirm_recipient" : "console.action.\(action)",
                        language: lang)
                ])
        }
        return try await pages.render(
            "console-request", title: "console.request.title", page, status: status, error: error, notice: done, request
        )
    }

    /// What the person asked, in lines for staff (they decide on it; never shown to anyone else).
    static func askedLines(_ data: RequestPrivateData, policy: Policy, language lang: String) -> [String] {
        func label(_ id: String) -> String {
            policy.purpose(id)?.label.text(in: lang, fallback: policy.authoritativeLanguage) ?? id
        }
        func line(_ key: String, _ value: String) -> String { ConsoleText.text(key, language: lang) + ": " + value }
        var lines: [String] = []
        if let purposes = data.details?.purposes, !purposes.isEmpty {
            lines.append(line("console.asked.purposes", purposes.map(label).joined(separator: ", ")))
        }
        if data.details?.directMarketing == true {
            lines.append(ConsoleText.text("console.asked.direct_marketing", language: lang))
        }
        for (category, value) in (data.details?.corrections ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append(line("console.asked.correction", "\(category) → \(value)"))
        }
        if let target = data.details?.transmitTo { lines.append(line("console.asked.transmit_to", target)) }
        if let words = data.details?.text, !words.isEmpty { lines.append(line("console.asked.text", words)) }
        if let representative = data.representative {
            lines.append(
                line(
                    "console.asked.representative",
                    "\(representative.name), \(representative.contact)"
                        + (representative.proof.map { " (\($0))" } ?? "")))
        }
        return lines
    }

    /// The purposes an objection may concern (legitimate interests, public task, direct marketing).
    static func objectionChoices(_ policy: Policy, language lang: String) -> [ConsoleOption] {
        policy.purposes.filter { $0.isDirectMarketing || [.legitimateInterests, .publicTask].contains($0.legalBasis) }
            .map {
                ConsoleOption(
                    value: $0.id, key: $0.label.text(in: lang, fallback: policy.authoritativeLanguage), selected: false)
            }
    }

    /// The address codes and the export go to, with its source: the contact on file for the
    /// subject, the address given with a request about no known subject, or none (staff verify).
    func deliveryLine(_ model: RequestModel, language: String, on database: any Database) async throws -> String {
        guard let address = try await service.address(for: model, on: database) else {
            return ConsoleText.text("console.request.delivery_none", language: language)
        }
        let source = model.subjectID == nil ? "console.request.delivery_given" : "console.request.delivery_on_file"
        return address + " (" + ConsoleText.text(source, language: language) + ")"
    }

    /// A file that came with the request, for staff checking the signature; audited.
    @Sendable
    func attachment(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .requestsAttest)
        let model = try await RequestQueries.find(
            try request.parameters.require("requestID", as: UUID.self, field: "id"), on: request.db)
        let file = try await service.openAttachment(
            try request.parameters.require("attachmentID", as: UUID.self, field: "attachment_id"), of: model,
            actor: principal.actor, on: request.db)
        let response = Response(status: .ok, body: .init(data: file.content))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
        let safeName = file.name.filter { $0.isLetter || $0.isNumber || ".-_".contains($0) }
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(safeName.isEmpty ? "request-file" : safeName)\""
        )
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable
    func export(_ request: Request) async throws -> Response {
        let principal = try request.principal(for: .requestsDecide)
        let model = try await RequestQueries.find(
            try request.parameters.require("requestID", as: UUID.self, field: "id"), on: request.db)
        return try await exports.package(for: model, actor: principal.actor, on: request.db).response()
    }

    /// The extensions the law allows for `model` (GDPR Art. 12(3): by one or two further months),
    /// each labelled with its length in words and the due date it gives; the longest first.
    static func extensionChoices(
        _ model: RequestModel, clock: RequestClock, strings: NoticeStrings, today: CivilDate
    ) -> [ConsoleOption] {
        guard let longest = clock.profile.maximumExtension else { return [] }
        var choices: [ISODuration] = []
        if longest.months > 0, longest.days == 0, longest.weeks == 0, longest.years == 0 {
            choices = (1...longest.months).reversed().map { ISODuration(months: $0) }
        } else {
            choices = [longest]
        }
        return choices.compactMap { duration in
            guard
                let due = try? clock.extendedDueDate(
                    for: model.type, receivedOn: model.receivedOn, pausedDays: model.pausedDays, by: duration,
                    reasons: "-", decidedOn: today)
            else { return nil }
            let label = ConsoleText.text(
                "console.extend.choice", language: strings.language,
                ["value": PeriodWording.duration(duration, strings), "date": strings.date(due)])
            return ConsoleOption(value: duration.description, key: label, selected: duration == longest)
        }
    }

    /// A form on the request page: the action's permission, then the service, then back to the page.
    @Sendable
    func act(_ request: Request) async throws -> Response {
        guard pages.acceptsForm(request) else { throw DomainError.forbidden(pages.text("console.error.form", request)) }
        let action = request.parameters.get("action") ?? ""
        let form = try request.content.decode([String: String].self)
        func field(_ name: String) -> String { form[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        func optional(_ name: String) -> String? { field(name).isEmpty ? nil : field(name) }
        let model = try await RequestQueries.find(
            try request.parameters.require("requestID", as: UUID.self, field: "id"), on: request.db)
        let db = request.db
        do {
            switch action {
            case "attest":
                let principal = try request.principal(for: .requestsAttest)
                let signature =
                    model.signatureRequired == nil
                    ? nil
                    : try RequestVerification.Signature(
                        kind: field("signature_kind"), signer: field("signer"), validation: field("validation"),
                        validatedOn: optional("validated_on"))
                try await service.attest(
                    model, .init(method: field("method"), checked: field("checked"), signature: signature),
                    actor: principal.actor, on: db)
            case "challenge":
                let principal = try request.principal(for: .requestsVerifyCode)
                try await service.challengeAgain(model, clientIP: clients.of(request), actor: principal.actor, on: db)
            case "approve":
                let principal = try request.principal(for: .requestsDecide)
                let fee = optional("fee_amount").map {
                    DataRequestApproval.Fee(amount: $0, reason: field("fee_reason"))
                }
                let purposes = form.filter { $0.key.hasPrefix("objection_purpose_") && $0.value == "1" }
                    .map { String($0.key.dropFirst("objection_purpose_".count)) }.sorted()
                let marketing = optional("objection_direct_marketing") == "1"
                let decision =
                    purposes.isEmpty && !marketing
                    ? nil
                    : DataRequestApproval.ObjectionReading(
                        purposes: purposes.isEmpty ? nil : purposes, directMarketing: marketing)
                try await service.approve(
                    model, .init(note: optional("note"), fee: fee, objection: decision), actor: principal.actor, on: db)
            case "extend":
                let principal = try request.principal(for: .requestsDecide)
                try await service.extend(
                    model, by: optional("by"), reasons: field("reasons"), actor: principal.actor, on: db)
            case "reject":
                let principal = try request.principal(for: .requestsDecide)
                guard let kind = RejectionKind(rawValue: field("kind")) else {
                    throw DomainError.invalid("kind", "choose why the request is rejected")
                }
                try await service.reject(model, kind: kind, reason: field("reason"), actor: principal.actor, on: db)
            case "complete":
                let principal = try request.principal(for: .requestsDecide)
                try await service.complete(model, note: field("note"), actor: principal.actor, on: db)
            case "recipient":
                let principal = try request.principal(for: .requestsDecide)
                try await service.confirmRecipient(model, recipient: field("recipient"), actor: principal.actor, on: db)
            case "system":
                let principal = try request.principal(for: .requestsDecide)
                try await service.retry(system: field("system"), of: model, actor: principal.actor, on: db)
            case "resolve":
                let principal = try request.principal(for: .requestsDecide)
                guard let reason = SystemResolution(rawValue: field("reason")) else {
                    throw DomainError.invalid("reason", "choose why the system is closed by hand")
                }
                let records = optional("records").flatMap { $0.isEmpty ? nil : $0 }
                guard records == nil || Int(records!) != nil else {
                    throw DomainError.invalid("records", "must be a number of records")
                }
                try await service.resolve(
                    system: field("system"), of: model, as: reason, records: records.flatMap { Int($0) },
                    actor: principal.actor, on: db)
            default:
                throw DomainError.notFound("the action '\(action)'")
            }
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            if case .notFound = error { throw error }
            return try await detail(request, error: pages.message(for: error, request), status: pages.status(of: error))
        }
        return request.redirect(
            to: "/console/requests/\(try model.requireID().wire)?done=\(action)", redirectType: .normal)
    }
}
