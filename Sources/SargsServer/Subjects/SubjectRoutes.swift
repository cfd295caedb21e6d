import Fluent
import Foundation
import SargsCore
import Vapor

/// `/v1/subjects`: store personal data sealed in the vault, and read it only for a purpose.
struct SubjectsController: Sendable {
    let context: SargsContext

    func register(_ routes: any RoutesBuilder) {
        let subjects = routes.grouped("v1", "subjects")
        subjects.post(use: create)
        subjects.post("lookup", use: lookup)
        subjects.get(":subjectID", use: read)
        subjects.patch(":subjectID", use: update)
    }

    @Sendable
    func create(_ request: Request) async throws -> Response {
        let principal = try request.principal(.admin, .agent, .service)
        let body = try request.content.decode(CreateSubjectRequest.self)
        guard let purpose = context.policy.purpose(body.collectedFor) else {
            throw APIProblem.invalid("collected_for", "purpose '\(body.collectedFor)' is not declared in the policy")
        }
        guard principal.mayUse(purpose: purpose.id) else {
            throw APIProblem.forbidden("this service key may not collect data for purpose '\(purpose.id)'")
        }
        guard body.country.count == 2, body.country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw APIProblem.invalid("country", "must be an ISO 3166-1 alpha-2 code such as LV")
        }
        guard body.language.count == 2, body.language.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            throw APIProblem.invalid("language", "must be an ISO 639-1 code such as lv")
        }
        guard !body.data.isEmpty else { throw APIProblem.invalid("data", "must contain at least one value") }
        let values = try validatedValues(body.data, purpose: purpose)
        let now = Date()
        let subjectID = UUID()
        let dataKey = DataKey.generate()
        let wrapped = try Vault.wrap(dataKey, subject: subjectID, with: context.masterKey)
        let subject = SubjectModel()
        subject.id = subjectID
        subject.externalRef = body.externalRef
        subject.country = body.country
        subject.language = body.language
        subject.status = SubjectState.Status.active.rawValue
        subject.wrappedKey = wrapped
        subject.createdAt = now
        let sealed = try SubjectValues.seal(values.normalised, for: subject, dataKey: dataKey, context: context)
        let source = body.source
        let categories = sealed.map(\.category)
        let write: @Sendable (any Database) async throws -> ((), [AuditChain.Draft]) = { database in
            try await subject.create(on: database)
            for (category, ciphertext) in sealed {
                try await DataItemModel(subject: subjectID, category: category, ciphertext: ciphertext, source: source,
                                        purpose: purpose.id, at: now).create(on: database)
            }
            return ((), [AuditChain.Draft(time: now, actor: principal.actor, action: "subject.create", subjectID: subjectID,
                                          purpose: purpose.id, categories: categories, result: "ok")])
        }
        try await Self.mappingConflicts { try await context.audit.perform(on: request.db, write) }
        let response = Response(status: .created)
        try response.content.encode(CreatedResponse(id: subjectID))
        response.headers.replaceOrAdd(name: .location, value: "/v1/subjects/\(subjectID.uuidString.lowercased())")
        return response
    }

    @Sendable
    func read(_ request: Request) async throws -> SubjectReadResponse {
        let principal = try request.principal(.admin, .dpo, .agent, .service)
        guard let purposeID = request.query[String.self, at: "purpose"], !purposeID.isEmpty else {
            throw APIProblem.badRequest("purpose", "a read must name its purpose: ?purpose=<purpose id>")
        }
        let subject = try await findSubject(request.parameters.get("subjectID"), on: request.db)
        return try await purposeBoundRead(subject, purposeID: purposeID, principal: principal, on: request.db)
    }

    @Sendable
    func lookup(_ request: Request) async throws -> SubjectReadResponse {
        let principal = try request.principal(.admin, .dpo, .agent, .service)
        let body = try request.content.decode(LookupRequest.self)
        let subject: SubjectModel?
        if let email = body.email {
            subject = try await SubjectModel.find(email: email, master: context.masterKey, on: request.db)
        } else if let phone = body.phone {
            let normalised: String
            do { normalised = try ContactValue.normalisedPhone(phone) } catch { throw APIProblem.invalid("phone", error.description) }
            let index = BlindIndex.index(normalised, kind: .phone, with: context.masterKey)
            subject = try await SubjectModel.query(on: request.db).filter(\.$phoneIndex == index).first()
        } else {
            throw APIProblem.badRequest("email", "give email or phone")
        }
        guard let subject else { throw APIProblem.notFound("a subject with that contact") }
        return try await purposeBoundRead(subject, purposeID: body.purpose, principal: principal, on: request.db)
    }

    @Sendable
    func update(_ request: Request) async throws -> HTTPStatus {
        let principal = try request.principal(.admin, .agent, .service)
        let body = try request.content.decode(UpdateSubjectRequest.self)
        guard let purpose = context.policy.purpose(body.purpose) else {
            throw APIProblem.invalid("purpose", "purpose '\(body.purpose)' is not declared in the policy")
        }
        guard principal.mayUse(purpose: purpose.id) else { throw APIProblem.forbidden("this service key may not act for purpose '\(purpose.id)'") }
        let subject = try await findSubject(request.parameters.get("subjectID"), on: request.db)
        let subjectID = try subject.requireID()
        guard let wrapped = subject.wrappedKey else { throw APIProblem.notFound("subject data") }
        let values = try validatedValues(body.data, purpose: purpose)
        let dataKey = try Vault.unwrap(wrapped, subject: subjectID, with: context.masterKey)
        let now = Date()
        let sealed = try SubjectValues.seal(values.normalised, for: subject, dataKey: dataKey, context: context)
        let categories = sealed.map(\.category)
        let write: @Sendable (any Database) async throws -> ((), [AuditChain.Draft]) = { database in
            try await subject.save(on: database)
            try await SubjectValues.store(sealed, subject: subjectID, source: "update", purpose: purpose.id, at: now, on: database)
            return ((), [AuditChain.Draft(time: now, actor: principal.actor, action: "subject.update", subjectID: subjectID,
                                          purpose: purpose.id, categories: categories, result: "ok")])
        }
        try await Self.mappingConflicts { try await context.audit.perform(on: request.db, write) }
        context.factsChanged(subjectID)
        return .noContent
    }

    // MARK: - Helpers

    /// The UNIQUE constraints on the blind indexes and the external reference guard uniqueness
    /// (no racy pre-check); a violation becomes a 409 that names no value.
    static func mappingConflicts(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw APIProblem.conflict("data", "a subject with this e-mail address, phone number or external reference already exists")
        }
    }

    func findSubject(_ rawID: String?, on database: any Database) async throws -> SubjectModel {
        guard let rawID, let id = UUID(uuidString: rawID) else { throw APIProblem.badRequest("id", "the subject id must be a UUID") }
        guard let subject = try await SubjectModel.find(id, on: database) else { throw APIProblem.notFound("subject \(id)") }
        return subject
    }

    /// Decides the read, opens only the released categories, and audits it.
    func purposeBoundRead(_ subject: SubjectModel, purposeID: String, principal: Principal,
                          on database: any Database) async throws -> SubjectReadResponse {
        guard principal.mayUse(purpose: purposeID) else {
            throw APIProblem.forbidden("this service key may not read for purpose '\(purposeID)'")
        }
        let subjectID = try subject.requireID()
        let state = try await context.facts(of: subject, on: database)
        let decision: Decision
        do {
            decision = try context.engine.decide(state, purpose: purposeID, at: Date())
        } catch {
            throw APIProblem.invalid("purpose", error.description)
        }
        var data: [String: String] = [:]
        if decision.allowed, let wrapped = subject.wrappedKey {
            let dataKey = try Vault.unwrap(wrapped, subject: subjectID, with: context.masterKey)
            let items = try await DataItemModel.query(on: database).filter(\.$subjectID == subjectID)
                .filter(\.$category ~~ decision.categories).all()
            for item in items {
                data[item.category] = try Vault.open(item.ciphertext, category: item.category, subject: subjectID, with: dataKey)
            }
        }
        let released = data.keys.sorted()
        try await context.audit.record([AuditChain.Draft(
            time: Date(), actor: principal.actor, action: "subject.read", subjectID: subjectID, purpose: purposeID,
            categories: released, result: decision.allowed ? "ok" : "denied:\(decision.reason.rawValue)")], on: database)
        return SubjectReadResponse(id: subjectID, purpose: purposeID, allowed: decision.allowed, reason: decision.reason.rawValue,
                                   legalBasis: decision.legalBasis.rawValue, data: data)
    }

    struct ValidatedValues {
        var normalised: [String: String]
        var birthDate: CivilDate? { normalised[ContactValue.birthDateCategory].flatMap(CivilDate.init(iso:)) }
    }

    /// Checks every value: a declared category the purpose uses, in the right form; and the age rule.
    func validatedValues(_ data: [String: String], purpose: Purpose) throws -> ValidatedValues {
        var result = ValidatedValues(normalised: [:])
        let today = DecisionEngine.civilDate(Date())
        for (category, raw) in data {
            let field = "data.\(category)"
            guard context.policy.category(category) != nil else {
                throw APIProblem.invalid(field, "category '\(category)' is not declared in the policy")
            }
            guard purpose.categories.contains(category) else {
                throw APIProblem.invalid(field, "purpose '\(purpose.id)' does not use category '\(category)' (Art. 5(1)(b))")
            }
            do {
                result.normalised[category] = try ContactValue.normalised(raw, category: category, today: today)
            } catch {
                throw APIProblem.invalid(field, error.description)
            }
        }
        if let birth = result.birthDate, let minimum = context.policy.rules.minimumAge, ContactValue.age(bornOn: birth, on: today) < minimum {
            throw APIProblem.invalid("data.user.demographic.date_of_birth",
                                     "the subject is younger than the policy's minimum age of \(minimum) (rules.minimum_age)")
        }
        return result
    }
}
