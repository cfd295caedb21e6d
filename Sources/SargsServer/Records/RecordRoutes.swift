import Fluent
import Foundation
import SargsCore
import Vapor

/// The disclosure log, legal holds and recipients' webhook endpoints — what Art. 15(1)(c), 17(3)
/// and 19 are answered from.
struct RecordsController: Sendable {
    let context: SargsContext
    let subjects: SubjectsController

    func register(_ routes: any RoutesBuilder) {
        let subject = routes.grouped("v1", "subjects", ":subjectID")
        subject.post("disclosures", use: recordDisclosure)
        subject.get("disclosures", use: disclosures)
        subject.post("holds", use: addHold)
        subject.post("holds", ":holdID", "release", use: releaseHold)
        routes.put("v1", "recipients", ":recipient", "endpoint", use: setEndpoint)
    }

    struct DisclosureBody: Content {
        var recipient: String
        var purpose: String
        var categories: [String]
    }

    struct DisclosureView: Content {
        var id: UUID
        var recipient: String
        var purpose: String
        var categories: [String]
        var disclosedAt: Date
    }

    struct HoldBody: Content {
        var reason: String
        var categories: [String]?
        var until: String?
    }

    struct EndpointBody: Content {
        var url: String
    }

    struct EndpointView: Content {
        var recipient: String
        var url: String
        /// Base64 of the signing secret: shown once, at creation.
        var secret: String
    }

    /// Records that data went to a recipient; the recipient, purpose and categories must match the policy.
    @Sendable
    func recordDisclosure(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .agent, .service)
        let body = try request.content.decode(DisclosureBody.self)
        guard let recipient = context.policy.recipients.first(where: { $0.id == body.recipient }) else {
            throw APIProblem.invalid("recipient", "recipient '\(body.recipient)' is not declared in the policy")
        }
        guard recipient.purposes.contains(body.purpose) else {
            throw APIProblem.invalid("purpose", "the policy does not disclose data to '\(recipient.id)' for purpose '\(body.purpose)'")
        }
        guard principal.mayUse(purpose: body.purpose) else { throw APIProblem.forbidden("this service key may not act for purpose '\(body.purpose)'") }
        guard !body.categories.isEmpty else { throw APIProblem.invalid("categories", "name the categories disclosed") }
        for (index, key) in body.categories.enumerated()
        where !recipient.categories.isEmpty && !recipient.categories.contains(where: { DataCategoryKey.covers($0, key) }) {
            throw APIProblem.invalid("categories.\(index)", "the policy does not disclose '\(key)' to '\(recipient.id)'")
        }
        let subjectID = try await live(request)
        let model = DisclosureModel()
        model.id = UUID()
        model.subjectID = subjectID
        model.recipient = recipient.id
        model.purpose = body.purpose
        model.categories = body.categories.joined(separator: " ")
        model.disclosedAt = Date()
        try await context.audit.perform(on: request.db) { database in
            try await model.create(on: database)
            return ((), [AuditChain.Draft(time: model.disclosedAt, actor: principal.actor, action: "disclosure.record", subjectID: subjectID,
                                          purpose: model.purpose, categories: body.categories, result: "ok:\(recipient.id)")])
        }
        let response = Response(status: .created)
        try response.content.encode(CreatedResponse(id: try model.requireID()))
        return response
    }

    @Sendable
    func disclosures(_ request: Request) async throws -> Response {
        _ = try request.principal(.admin, .dpo, .agent)
        let subjectID = try await live(request)
        let rows = try await DisclosureModel.query(on: request.db).filter(\.$subjectID == subjectID).sort(\.$disclosedAt).all()
        return try SnakeCaseJSON.response(rows.map {
            DisclosureView(id: $0.id ?? UUID(), recipient: $0.recipient, purpose: $0.purpose, categories: $0.value.categories,
                           disclosedAt: $0.disclosedAt)
        })
    }

    /// A legal hold keeps data through erasure requests (Art. 17(3)).
    @Sendable
    func addHold(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo)
        let body = try request.content.decode(HoldBody.self)
        guard !body.reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIProblem.invalid("reason", "a hold needs its reason") }
        for (index, key) in (body.categories ?? []).enumerated() where context.policy.category(key) == nil && !context.policy.dataCategories.contains(where: {
            DataCategoryKey.covers(key, $0.key)
        }) {
            throw APIProblem.invalid("categories.\(index)", "category '\(key)' is not declared in the policy")
        }
        if let until = body.until, CivilDate(iso: until) == nil { throw APIProblem.invalid("until", "must be a date YYYY-MM-DD") }
        let subjectID = try await live(request)
        let model = LegalHoldModel()
        let id = UUID()
        model.id = id
        model.subjectID = subjectID
        model.reason = try Vault.sealService(Data(body.reason.utf8), context: "hold|\(id.uuidString)", with: context.masterKey)
        model.categories = body.categories?.joined(separator: " ")
        model.untilOn = body.until
        model.createdAt = Date()
        try await context.audit.perform(on: request.db) { database in
            try await model.create(on: database)
            return ((), [AuditChain.Draft(time: model.createdAt, actor: principal.actor, action: "hold.add", subjectID: subjectID,
                                          categories: body.categories ?? [], result: "ok")])
        }
        let response = Response(status: .created)
        try response.content.encode(CreatedResponse(id: id))
        return response
    }

    @Sendable
    func releaseHold(_ request: Request) async throws -> HTTPStatus {
        let principal = try request.principal(.admin, .dpo)
        let subjectID = try await live(request)
        guard let raw = request.parameters.get("holdID"), let id = UUID(uuidString: raw),
              let hold = try await LegalHoldModel.find(id, on: request.db), hold.subjectID == subjectID else {
            throw APIProblem.notFound("legal hold")
        }
        guard hold.releasedAt == nil else { throw APIProblem.conflict("hold", "the hold was already released") }
        hold.releasedAt = Date()
        try await context.audit.perform(on: request.db) { database in
            try await hold.save(on: database)
            return ((), [AuditChain.Draft(time: Date(), actor: principal.actor, action: "hold.release", subjectID: subjectID, result: "ok")])
        }
        return .noContent
    }

    /// Sets a recipient's Art. 19 webhook endpoint and returns a new signing secret, once.
    @Sendable
    func setEndpoint(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin)
        let body = try request.content.decode(EndpointBody.self)
        let recipientID = request.parameters.get("recipient") ?? ""
        guard context.policy.recipients.contains(where: { $0.id == recipientID }) else {
            throw APIProblem.notFound("recipient '\(recipientID)' in the policy")
        }
        guard context.isAcceptableEndpoint(body.url) else {
            throw APIProblem.invalid("url", "must be an https URL (http only with SARGS_ALLOW_INSECURE_URLS=1)")
        }
        let secret = WebhookSignature.newSecret()
        let model = try await RecipientEndpointModel.find(recipientID, on: request.db) ?? RecipientEndpointModel()
        model.id = recipientID
        model.url = body.url
        model.secret = try Vault.sealService(secret, context: "endpoint|\(recipientID)", with: context.masterKey)
        model.createdAt = Date()
        try await context.audit.perform(on: request.db) { database in
            try await model.save(on: database)
            return ((), [AuditChain.Draft(time: model.createdAt, actor: principal.actor, action: "recipient.endpoint", result: "ok:\(recipientID)")])
        }
        return try SnakeCaseJSON.response(EndpointView(recipient: recipientID, url: body.url, secret: secret.base64EncodedString()))
    }

    func live(_ request: Request) async throws -> UUID {
        let subject = try await subjects.findSubject(request.parameters.get("subjectID"), on: request.db)
        guard subject.status != SubjectState.Status.erased.rawValue else { throw APIProblem.notFound("subject") }
        return try subject.requireID()
    }
}
