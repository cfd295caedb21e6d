import Fluent
import Foundation
import SargsCore
import Vapor

/// `/v1/requests`: data-subject requests from receipt to answer.
struct RequestsController: Sendable {
    let context: SargsContext
    var service: RequestService { RequestService(context: context) }

    func register(_ routes: any RoutesBuilder) {
        let requests = routes.grouped("v1", "requests")
        requests.post(use: submit)
        requests.get(use: list)
        requests.get(":requestID", use: show)
        requests.post(":requestID", "verify", use: verify)
        requests.post(":requestID", "challenge", use: challenge)
        requests.post(":requestID", "extend", use: extend)
        requests.post(":requestID", "approve", use: approve)
        requests.post(":requestID", "complete", use: complete)
        requests.post(":requestID", "reject", use: reject)
        requests.post(":requestID", "recipients", ":recipient", "confirm", use: confirmRecipient)
    }

    @Sendable
    func submit(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo, .agent, .service)
        let body = try request.content.decode(SubmitRequestBody.self)
        guard let type = RequestType(rawValue: body.type) else {
            throw APIProblem.invalid("type", "must be one of \(RequestType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard context.requestClock.profile.rights.contains(type.right) else {
            throw APIProblem.invalid("type", RequestError.rightNotGranted(type, context.requestClock.profile.kind).description)
        }
        guard let channel = RequestChannel.Kind(rawValue: body.channel) else {
            throw APIProblem.invalid("channel", "must be one of \(RequestChannel.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard body.language.count == 2, body.language.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            throw APIProblem.invalid("language", "must be an ISO 639-1 code such as lv")
        }
        var subject: SubjectModel?
        var email: String?
        if let id = body.subjectId {
            guard let found = try await SubjectModel.find(id, on: request.db) else { throw APIProblem.invalid("subject_id", "no subject has this id") }
            subject = found
        }
        if let raw = body.email {
            do { email = try ContactValue.normalisedEmail(raw) } catch { throw APIProblem.invalid("email", error.description) }
            if subject == nil { subject = try await SubjectModel.find(email: raw, master: context.masterKey, on: request.db) }
        }
        guard body.subjectId != nil || email != nil else { throw APIProblem.badRequest("subject_id", "give subject_id or email") }
        if let representative = body.representative {
            guard !representative.name.isEmpty, !representative.contact.isEmpty else {
                throw APIProblem.invalid("representative", "a representative needs a name and a contact")
            }
            if context.policy.rules.requests.representativeProof, (representative.proof ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw APIProblem.invalid("representative.proof", "the policy requires a representative to prove their authority (rules.requests.representative_proof)")
            }
        }
        try validateDetails(type: type, body.details)
        let submission = RequestService.Submission(type: type, subject: subject, email: email, language: body.language, channel: channel,
                                                   details: body.details, representative: body.representative,
                                                   clientIP: body.clientIp ?? request.remoteAddress?.ipAddress ?? "unknown")
        let created = try await service.submit(submission, actor: principal.actor, on: request.db)
        let response = try SnakeCaseJSON.response(try await RequestStore.view(created, detail: false, master: context.masterKey, on: request.db),
                                                  status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/v1/requests/\(try created.requireID().uuidString.lowercased())")
        return response
    }

    /// Bad details are refused at submission, not when staff approve.
    func validateDetails(type: RequestType, _ details: RequestDetails?) throws {
        switch type {
        case .rectification: _ = try service.validatedCorrections(details?.corrections)
        case .objection: _ = try RequestService.objections(details, policy: context.policy)
        case .withdrawConsent: _ = try RequestService.consentPurposes(details?.purposes, policy: context.policy)
        default: break
        }
        if let url = details?.transmitTo {
            guard type == .portability else { throw APIProblem.invalid("details.transmit_to", "only a portability request is transmitted (Art. 20(2))") }
            guard context.isAcceptableEndpoint(url) else {
                throw APIProblem.invalid("details.transmit_to", "must be an https URL of the receiving controller")
            }
        }
    }

    /// Requests by due date, filtered by status, type or overdue, a page at a time (`limit` 1–1000, default 100).
    @Sendable
    func list(_ request: Request) async throws -> Response {
        _ = try request.principal(.admin, .dpo, .agent)
        var query = RequestModel.query(on: request.db)
        if let status = request.query[String.self, at: "status"] {
            guard RequestStatus(rawValue: status) != nil else {
                throw APIProblem.invalid("status", "must be one of \(RequestStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query = query.filter(\.$status == status)
        }
        if let type = request.query[String.self, at: "type"] {
            guard RequestType(rawValue: type) != nil else {
                throw APIProblem.invalid("type", "must be one of \(RequestType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query = query.filter(\.$type == type)
        }
        if request.query[String.self, at: "overdue"] == "true" {
            query = RequestStore.overdue(query, today: DecisionEngine.civilDate(Date()))
        }
        let limit = request.query[Int.self, at: "limit"] ?? 100
        guard (1...1000).contains(limit) else { throw APIProblem.invalid("limit", "must be 1-1000") }
        let offset = request.query[Int.self, at: "offset"] ?? 0
        guard offset >= 0 else { throw APIProblem.invalid("offset", "must not be negative") }
        let rows = try await query.sort(\.$dueOn).sort(\.$createdAt).range(offset..<(offset + limit + 1)).all()
        var views: [RequestView] = []
        for row in rows.prefix(limit) { views.append(try await RequestStore.view(row, detail: false, master: context.masterKey, on: request.db)) }
        return try SnakeCaseJSON.response(RequestList(requests: views, nextOffset: rows.count > limit ? offset + limit : nil))
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        _ = try request.principal(.admin, .dpo, .agent)
        let model = try await find(request)
        return try SnakeCaseJSON.response(try await RequestStore.view(model, detail: true, master: context.masterKey, on: request.db))
    }

    @Sendable
    func verify(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo, .agent, .service)
        let body = try request.content.decode(VerifyBody.self)
        let model = try await find(request)
        if let attestation = body.attestation {
            guard principal.role == .admin || principal.role == .dpo else {
                throw APIProblem.forbidden("only admin or dpo keys may attest a requester's identity")
            }
            try await service.attest(model, method: attestation.method, checked: attestation.checked, actor: principal.actor, on: request.db)
        } else if let code = body.code {
            try await service.verify(model, code: code, actor: principal.actor, on: request.db)
        } else {
            throw APIProblem.badRequest("code", "give the one-time code, or an attestation")
        }
        return try await shown(model, request)
    }

    @Sendable
    func challenge(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo, .agent, .service)
        let model = try await find(request)
        let ip = (try? request.content.decode([String: String].self))?["client_ip"] ?? request.remoteAddress?.ipAddress ?? "unknown"
        try await service.challengeAgain(model, clientIP: ip, actor: principal.actor, on: request.db)
        return try await shown(model, request)
    }

    @Sendable
    func extend(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo)
        let body = try request.content.decode(ExtendBody.self)
        let model = try await find(request)
        try await service.extend(model, by: body.by, reasons: body.reasons, actor: principal.actor, on: request.db)
        return try await shown(model, request)
    }

    @Sendable
    func approve(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo)
        let body = (try? request.content.decode(ApproveBody.self)) ?? ApproveBody()
        let model = try await find(request)
        try await SubjectsController.mappingConflicts {
            try await service.approve(model, note: body.note, fee: body.fee, actor: principal.actor, on: request.db)
        }
        return try await shown(model, request)
    }

    @Sendable
    func complete(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo)
        let body = try request.content.decode(CompleteBody.self)
        let model = try await find(request)
        try await service.complete(model, note: body.note, actor: principal.actor, on: request.db)
        return try await shown(model, request)
    }

    @Sendable
    func reject(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo)
        let body = try request.content.decode(RejectBody.self)
        let model = try await find(request)
        try await service.reject(model, kind: body.kind, reason: body.reason, actor: principal.actor, on: request.db)
        return try await shown(model, request)
    }

    @Sendable
    func confirmRecipient(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo)
        let model = try await find(request)
        try await service.confirmRecipient(model, recipient: request.parameters.get("recipient") ?? "", actor: principal.actor, on: request.db)
        return try await shown(model, request)
    }

    func find(_ request: Request) async throws -> RequestModel {
        guard let raw = request.parameters.get("requestID"), let id = UUID(uuidString: raw) else {
            throw APIProblem.badRequest("id", "the request id must be a UUID")
        }
        return try await service.find(id, on: request.db)
    }

    func shown(_ model: RequestModel, _ request: Request) async throws -> Response {
        try SnakeCaseJSON.response(try await RequestStore.view(model, detail: true, master: context.masterKey, on: request.db))
    }
}
