import Fluent
import Foundation
import SargsCore
import Vapor

/// The consent ledger and the other facts decisions rest on: relationships, objections, restrictions.
struct FactsController: Sendable {
    let context: SargsContext
    let subjects: SubjectsController

    func register(_ routes: any RoutesBuilder) {
        let subject = routes.grouped("v1", "subjects", ":subjectID")
        subject.post("consents", use: recordConsent)
        subject.get("consents", use: consents)
        subject.get("consents", ":eventID", "receipt", use: receipt)
        subject.post("relationships", use: addRelationship)
        subject.post("objections", use: addObjection)
        subject.post("restrictions", use: addRestriction)
        subject.post("restrictions", ":restrictionID", "lift", use: liftRestriction)
    }

    @Sendable
    func recordConsent(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .agent, .service)
        let body = try request.content.decode(ConsentRequest.self)
        guard let purpose = context.policy.purpose(body.purpose) else {
            throw APIProblem.invalid("purpose", "purpose '\(body.purpose)' is not declared in the policy")
        }
        guard purpose.legalBasis == .consent else {
            throw APIProblem.invalid("purpose", "purpose '\(purpose.id)' rests on \(purpose.legalBasis.rawValue), not on consent")
        }
        guard principal.mayUse(purpose: purpose.id) else { throw APIProblem.forbidden("this service key may not act for purpose '\(purpose.id)'") }
        var channel: ContactChannel?
        if let raw = body.channel {
            guard let parsed = ContactChannel(rawValue: raw), purpose.channels.contains(parsed) else {
                throw APIProblem.invalid("channel", "purpose '\(purpose.id)' has the channels \(purpose.channels.map(\.rawValue).joined(separator: ", "))")
            }
            channel = parsed
        }
        guard let state = ConsentEvent.State(rawValue: body.state) else {
            throw APIProblem.invalid("state", "must be 'given' or 'withdrawn'")
        }
        guard !body.method.isEmpty, body.method.count <= 64 else { throw APIProblem.invalid("method", "must be 1-64 characters") }
        let subject = try await subjects.findSubject(request.parameters.get("subjectID"), on: request.db)
        let subjectID = try subject.requireID()
        guard subject.status != SubjectState.Status.erased.rawValue, let wrapped = subject.wrappedKey else {
            throw APIProblem.notFound("subject \(subjectID)")
        }
        var evidence: Data?
        if let given = body.evidence, given.ip != nil || given.userAgent != nil {
            let json = try JSONEncoder().encode(["ip": given.ip ?? "", "user_agent": given.userAgent ?? ""])
            let dataKey = try Vault.unwrap(wrapped, subject: subjectID, with: context.masterKey)
            evidence = try Vault.seal(String(decoding: json, as: UTF8.self), category: "consent.evidence", subject: subjectID, with: dataKey)
        }
        let now = Date()
        let event = ConsentEventModel()
        event.id = UUID()
        event.subjectID = subjectID
        event.purpose = purpose.id
        event.channel = channel?.rawValue
        event.state = state.rawValue
        event.method = body.method
        event.verifiedBy = body.evidence?.verifiedBy
        event.evidence = evidence
        event.policyVersion = context.policy.policy.version
        event.noticeHash = context.noticeHash
        event.recordedAt = now
        let channelName = channel?.rawValue ?? "all-channels"
        try await context.audit.perform(on: request.db) { database in
            try await event.create(on: database)
            return ((), [AuditChain.Draft(time: now, actor: principal.actor, action: "consent.\(state.rawValue)", subjectID: subjectID,
                                          purpose: purpose.id, result: "ok:\(channelName)")])
        }
        context.factsChanged(subjectID)
        let response = Response(status: .created)
        try response.content.encode(Self.dto(event))
        return response
    }

    @Sendable
    func consents(_ request: Request) async throws -> ConsentOverview {
        let principal = try request.principal(.admin, .dpo, .agent, .service)
        let subject = try await subjects.findSubject(request.parameters.get("subjectID"), on: request.db)
        let subjectID = try subject.requireID()
        let events = try await ConsentEventModel.query(on: request.db).filter(\.$subjectID == subjectID)
            .sort(\.$recordedAt).all().filter { principal.mayUse(purpose: $0.purpose) }
        let current = ConsentLedger.current(events.map(\.event)).map {
            ConsentOverview.Current(purpose: $0.purpose, channel: $0.channel?.rawValue, state: $0.state.rawValue, since: $0.since)
        }
        try await context.audit.record([AuditChain.Draft(time: Date(), actor: principal.actor, action: "consent.read",
                                                         subjectID: subjectID, result: "ok")], on: request.db)
        return ConsentOverview(current: current, history: events.map(Self.dto))
    }

    @Sendable
    func receipt(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo, .agent, .service)
        let subject = try await subjects.findSubject(request.parameters.get("subjectID"), on: request.db)
        let subjectID = try subject.requireID()
        guard let rawEvent = request.parameters.get("eventID"), let eventID = UUID(uuidString: rawEvent),
              let event = try await ConsentEventModel.find(eventID, on: request.db), event.subjectID == subjectID else {
            throw APIProblem.notFound("consent event")
        }
        guard principal.mayUse(purpose: event.purpose) else { throw APIProblem.forbidden("this service key may not read purpose '\(event.purpose)'") }
        let record = ConsentRecord(id: eventID, subjectID: subjectID, purpose: event.purpose,
                                   channel: event.channel.flatMap(ContactChannel.init(rawValue:)),
                                   state: event.state == "withdrawn" ? .withdrawn : .given, method: event.method,
                                   at: event.recordedAt, policyVersion: event.policyVersion, noticeHash: event.noticeHash)
        let language = context.policy.languages.contains(subject.language) ? subject.language : context.policy.authoritativeLanguage
        let response = Response(status: .ok)
        try response.content.encode(try ConsentReceipt(record: record, policy: context.policy, language: language), as: .json)
        return response
    }

    @Sendable
    func addRelationship(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .agent, .service)
        let body = try request.content.decode(RelationshipRequest.self)
        guard !body.kind.isEmpty, body.kind.count <= 64 else { throw APIProblem.invalid("kind", "must be 1-64 characters") }
        if let end = body.end, end < body.start { throw APIProblem.invalid("end", "must not be before start") }
        let subjectID = try await liveSubjectID(request)
        let model = RelationshipModel()
        model.id = UUID()
        model.subjectID = subjectID
        model.kind = body.kind
        model.start = body.start
        model.end = body.end
        return try await store(model, request: request, principal: principal, action: "relationship.add", subjectID: subjectID, purpose: nil)
    }

    @Sendable
    func addObjection(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo, .agent)
        let body = try request.content.decode(ObjectionRequest.self)
        if let purpose = body.purpose, context.policy.purpose(purpose) == nil {
            throw APIProblem.invalid("purpose", "purpose '\(purpose)' is not declared in the policy")
        }
        let subjectID = try await liveSubjectID(request)
        let model = ObjectionModel()
        model.id = UUID()
        model.subjectID = subjectID
        model.purpose = body.purpose
        model.directMarketing = body.directMarketing ?? false
        model.since = Date()
        let kind = model.directMarketing ? "direct_marketing" : "processing"
        return try await store(model, request: request, principal: principal, action: "objection.\(kind)", subjectID: subjectID, purpose: body.purpose)
    }

    @Sendable
    func addRestriction(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo, .agent)
        let body = try request.content.decode(RestrictionRequest.self)
        if let purpose = body.purpose, context.policy.purpose(purpose) == nil {
            throw APIProblem.invalid("purpose", "purpose '\(purpose)' is not declared in the policy")
        }
        let subjectID = try await liveSubjectID(request)
        let model = RestrictionModel()
        model.id = UUID()
        model.subjectID = subjectID
        model.purpose = body.purpose
        model.since = Date()
        return try await store(model, request: request, principal: principal, action: "restriction.add", subjectID: subjectID, purpose: body.purpose)
    }

    /// Art. 18(3): the subject is told before a restriction is lifted. By default the lift takes
    /// effect 24 hours after the notice is queued; `effective_at` chooses another future moment, and
    /// `subject_informed: true` records that staff told the subject by other means (then it may be now).
    @Sendable
    func liftRestriction(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .dpo)
        let body = (try? request.content.decode(LiftRequest.self)) ?? LiftRequest()
        let subject = try await subjects.findSubject(request.parameters.get("subjectID"), on: request.db)
        guard subject.status != SubjectState.Status.erased.rawValue else { throw APIProblem.notFound("subject") }
        let subjectID = try subject.requireID()
        guard let raw = request.parameters.get("restrictionID"), let id = UUID(uuidString: raw),
              let restriction = try await RestrictionModel.find(id, on: request.db), restriction.subjectID == subjectID else {
            throw APIProblem.notFound("restriction")
        }
        let now = Date()
        guard restriction.liftedAt == nil else { throw APIProblem.conflict("restriction", "the restriction was already lifted") }
        let informed = body.subjectInformed ?? false
        let effective = body.effectiveAt ?? (informed ? now : now.addingTimeInterval(86_400))
        guard effective >= now.addingTimeInterval(-60) else { throw APIProblem.invalid("effective_at", "must not be in the past") }
        let address = try await SubjectValues.emailAddress(of: subject, master: context.masterKey, on: request.db)
        if !informed, address == nil {
            throw APIProblem.conflict("subject_informed", "no e-mail address is known: tell the subject first, then lift with subject_informed: true (Art. 18(3))")
        }
        if !informed, effective <= now {
            throw APIProblem.invalid("effective_at", "the subject must be told before the lift (Art. 18(3)); choose a later moment or set subject_informed")
        }
        restriction.liftedAt = effective
        let purpose = restriction.purpose
        let master = context.masterKey
        let message = try RequestMessages(policy: context.policy, language: RequestMessages.language(requested: subject.language, policy: context.policy))
            .restrictionLift(on: DecisionEngine.civilDate(effective), reason: body.reason ?? "", reference: String(id.uuidString.lowercased().prefix(8)))
        try await context.audit.perform(on: request.db) { database in
            try await restriction.save(on: database)
            if !informed, let address {
                try await Outbox.email(to: address, message, topic: "restriction_lift", requestID: nil, master: master, at: now, on: database)
            }
            return ((), [AuditChain.Draft(time: now, actor: principal.actor, action: "restriction.lift", subjectID: subjectID,
                                          purpose: purpose, result: informed ? "ok:informed" : "ok:notice_sent")])
        }
        context.factsChanged(subjectID)
        return try SnakeCaseJSON.response(LiftResponse(id: id, effectiveAt: effective, noticeSent: !informed))
    }

    // MARK: - Helpers

    func liveSubjectID(_ request: Request) async throws -> UUID {
        let subject = try await subjects.findSubject(request.parameters.get("subjectID"), on: request.db)
        guard subject.status != SubjectState.Status.erased.rawValue else { throw APIProblem.notFound("subject") }
        return try subject.requireID()
    }

    func store<M: Model>(_ model: M, request: Request, principal: Principal, action: String, subjectID: UUID,
                         purpose: String?) async throws -> Response where M.IDValue == UUID {
        let id = try model.requireID()
        try await context.audit.perform(on: request.db) { database in
            try await model.create(on: database)
            return ((), [AuditChain.Draft(time: Date(), actor: principal.actor, action: action, subjectID: subjectID,
                                          purpose: purpose, result: "ok")])
        }
        context.factsChanged(subjectID)
        let response = Response(status: .created)
        try response.content.encode(CreatedResponse(id: id))
        return response
    }

    static func dto(_ event: ConsentEventModel) -> ConsentEventResponse {
        ConsentEventResponse(id: event.id ?? UUID(), purpose: event.purpose, channel: event.channel, state: event.state,
                             method: event.method, verifiedBy: event.verifiedBy, policyVersion: event.policyVersion,
                             noticeHash: event.noticeHash, recordedAt: event.recordedAt)
    }
}
