import Fluent
import Foundation
import SargsCore
import SargsKit

/// The facts decisions rest on besides consent: relationships, objections (Art. 21) and
/// restrictions (Art. 18), added through the API or by carrying out a request.
struct FactService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    /// The company's datasets: a lifted restriction is unmarked in those with a restriction column.
    let datasets: CompanyDatasets

    func addRelationship(
        _ body: AddRelationship, subject subjectID: UUID, by principal: Principal,
        on database: any Database
    ) async throws -> UUID {
        let rules = ruleSource.current
        try principal.requireScope(rules.policy.contractPurposes, for: "record a relationship")
        let subjectID = try await SubjectQueries.live(subjectID, on: database).requireID()
        let (model, draft) = try relationship(body, subject: subjectID, actor: principal.actor)
        let modelInsert = try ModelWrite(inserting: model)
        try await store.write(on: database, affecting: [subjectID]) { database in
            try await modelInsert.run(on: database)
            return ((), [draft])
        }
        return try model.requireID()
    }

    /// Checks a relationship and builds it with its audit entry (the caller inserts both). A
    /// contract may start before the data was collected or later (a booking), so only its own
    /// order is checked.
    func relationship(
        _ body: AddRelationship, subject: UUID, actor: String
    ) throws -> (RelationshipModel, AuditChain.Draft) {
        let prefix = body.field
        guard !body.kind.isEmpty, body.kind.count <= 64 else {
            throw DomainError.invalid(prefix + "kind", "must be 1-64 characters")
        }
        if let end = body.end, end < body.start {
            throw DomainError.invalid(prefix + "end", "must not be before start")
        }
        let model = RelationshipModel(subject: subject, kind: body.kind, start: body.start, end: body.end)
        return (
            model,
            AuditChain.Draft(
                time: serverClock.now, actor: actor, action: .relationshipAdd, subjectID: subject, result: "ok")
        )
    }

    /// Records that an accounting record about the subject was made at `at` (not in the future, not
    /// before collection); the subject keeps the latest. Scoped like a relationship: a service key
    /// must cover the contract purposes. Returns the latest record's time.
    func recordTransaction(
        at: Date, subject subjectID: UUID, by principal: Principal, on database: any Database
    ) async throws -> Date {
        let rules = ruleSource.current
        try principal.requireScope(rules.policy.contractPurposes, for: "record a transaction")
        let subject = try await SubjectQueries.live(subjectID, on: database)
        let subjectID = try subject.requireID()
        let now = serverClock.now
        let time = try FactTime(at, field: "at", now: now, collectedAt: subject.createdAt)
        let latest = max(subject.lastTransactionAt ?? time.moment, time.moment)
        try await store.write(on: database, affecting: [subjectID]) { database in
            // Only ever later: two records arriving together keep the latest.
            try await SubjectModel.query(on: database).filter(\.$id == subjectID)
                .group(.or) { $0.filter(\.$lastTransactionAt == nil).filter(\.$lastTransactionAt < time.moment) }
                .set(\.$lastTransactionAt, to: time.moment).update()
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .transactionRecord, subjectID: subjectID,
                        result: time.result())
                ]
            )
        }
        return latest
    }

    func addObjection(
        _ body: AddObjection, subject subjectID: UUID, by principal: Principal,
        on database: any Database
    ) async throws -> UUID {
        try declared(body.purpose)
        let subject = try await SubjectQueries.live(subjectID, on: database)
        let subjectID = try subject.requireID()
        let now = serverClock.now
        let time = try FactTime(body.at, field: "at", now: now, collectedAt: subject.createdAt)
        return try await store.write(on: database, affecting: [subjectID]) { database in
            let spec = ObjectionSpec(purpose: body.purpose, directMarketing: body.directMarketing)
            let (ids, draft) = try await Self.insertObjections(
                [spec], subject: subjectID, since: time.moment, actor: principal.actor,
                origin: time.imported ? "imported" : nil, at: now, on: database)
            return (ids[0], [draft])
        }
    }

    /// Restricts processing for `purpose` (all processing when nil), Art. 18.
    func addRestriction(
        purpose: String?, subject subjectID: UUID, by principal: Principal,
        on database: any Database
    ) async throws -> UUID {
        try declared(purpose)
        let subjectID = try await SubjectQueries.live(subjectID, on: database).requireID()
        let now = serverClock.now
        return try await store.write(on: database, affecting: [subjectID]) { database in
            let (id, draft) = try await Self.insertRestriction(
                purpose: purpose, subject: subjectID, actor: principal.actor,
                origin: nil, at: now, on: database)
            return (id, [draft])
        }
    }

    /// Art. 18(3): the subject is told before a restriction is lifted. By default the lift takes
    /// effect 24 hours after the notice is queued; `effective_at` chooses another future moment, and
    /// `subject_informed: true` records that staff told the subject by other means (then it may be now).
    func liftRestriction(
        _ body: LiftRestriction, by principal: Principal, on database: any Database
    ) async throws -> LiftedRestriction {
        let rules = ruleSource.current
        let subject = try await SubjectQueries.live(body.subjectID, on: database)
        let subjectID = try subject.requireID()
        let id = body.restrictionID
        guard let restriction = try await RestrictionModel.find(id, on: database), restriction.subjectID == subjectID
        else {
            throw DomainError.notFound("restriction")
        }
        let now = serverClock.now
        guard restriction.liftedAt == nil else {
            throw DomainError.conflict("restriction", "the restriction was already lifted")
        }
        let informed = body.subjectInformed
        let effective = body.effectiveAt ?? (informed ? now : now.addingTimeInterval(86_400))
        guard effective >= now.addingTimeInterval(-60) else {
            throw DomainError.invalid("effective_at", "must not be in the past")
        }
        let address = try await keys.vault(rules).emailAddress(of: subject, on: database)
        if !informed, address == nil {
            throw DomainError.conflict(
                "subject_informed",
                "no e-mail address is known: tell the subject first, then lift with subject_informed: true (Art. 18(3))"
            )
        }
        if !informed, effective <= now {
            throw DomainError.invalid(
                "effective_at",
                "the subject must be told before the lift (Art. 18(3)); choose a later moment or set subject_informed")
        }
        restriction.liftedAt = effective
        let purpose = restriction.purpose
        let master = keys.master
        let message = try RequestMessages(
            policy: rules.policy, language: RequestMessages.language(requested: subject.language, policy: rules.policy)
        )
        .restrictionLift(
            on: DecisionEngine.civilDate(effective), reason: body.reason ?? "", reference: RequestReference.of(id))
        let restrictionChange = try ModelWrite(changing: restriction)
        // The datasets' restriction columns follow when the last restriction of the whole person goes.
        let others = try await RestrictionModel.query(on: database).filter(\.$subjectID == subjectID)
            .filter(\.$purpose == nil).filter(\.$liftedAt == nil).filter(\.$id != id).count()
        let identities =
            purpose == nil && others == 0 && datasets.entries.contains { $0.reference.restriction != nil }
            ? try await keys.vault(rules).identities(of: subject, on: database) : [:]
        let datasets = datasets
        try await store.write(on: database, affecting: [subjectID]) { database in
            try await restrictionChange.run(on: database)
            try await DatasetErasureQueue.recordUnmark(
                identities, datasets: datasets, effective: effective, master: master, at: now, on: database)
            if !informed, let address {
                try await Outbox.email(
                    to: address, message, topic: "restriction_lift", requestID: nil, master: master, at: now,
                    on: database)
            }
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: principal.actor, action: .restrictionLift, subjectID: subjectID,
                        purpose: purpose, result: informed ? "ok:informed" : "ok:notice_sent")
                ]
            )
        }
        return LiftedRestriction(id: id, effectiveAt: effective, noticeSent: !informed)
    }

    func declared(_ purpose: String?) throws {
        let rules = ruleSource.current
        if let purpose, rules.policy.purpose(purpose) == nil {
            throw DomainError.invalid("purpose", "purpose '\(purpose)' is not declared in the policy")
        }
    }

    // MARK: - Writes inside a caller's transaction (shared with request execution)

    /// One objection to record: to a purpose (every purpose it can cover when nil), or to direct marketing.
    struct ObjectionSpec: Sendable {
        var purpose: String?
        var directMarketing: Bool
    }

    /// Records objections made at `since` (default `now`, when they are recorded); returns their ids
    /// and one audit entry naming the kind (direct marketing is absolute, Art. 21(3)) and the origin.
    static func insertObjections(
        _ specs: [ObjectionSpec], subject: UUID, since: Date? = nil, actor: String, origin: String?,
        at now: Date, on database: any Database
    ) async throws -> ([UUID], AuditChain.Draft) {
        let (models, draft) = objections(specs, subject: subject, since: since, actor: actor, origin: origin, at: now)
        try await models.create(on: database)
        return (try models.map { try $0.requireID() }, draft)
    }

    /// The objections and their audit entry, for the caller to insert.
    static func objections(
        _ specs: [ObjectionSpec], subject: UUID, since: Date? = nil, actor: String, origin: String?,
        at now: Date
    ) -> ([ObjectionModel], AuditChain.Draft) {
        let models = specs.map {
            ObjectionModel(
                subject: subject, purpose: $0.purpose, directMarketing: $0.directMarketing, since: since ?? now)
        }
        let kind = specs.contains { $0.directMarketing } ? "direct_marketing" : "processing"
        let purposes = Set(specs.compactMap(\.purpose))
        let draft = AuditChain.Draft(
            time: now, actor: actor, action: .objectionAdd, subjectID: subject,
            purpose: purposes.count == 1 ? purposes.first : nil,
            result: ["ok", origin, kind].compactMap { $0 }.joined(separator: ":"))
        return (models, draft)
    }

    /// Restricts processing for `purpose` (all processing when nil); returns its id and audit entry.
    static func insertRestriction(
        purpose: String?, subject: UUID, actor: String, origin: String?, at now: Date,
        on database: any Database
    ) async throws -> (UUID, AuditChain.Draft) {
        let model = RestrictionModel(subject: subject, purpose: purpose, since: now)
        try await model.create(on: database)
        return (
            try model.requireID(),
            AuditChain.Draft(
                time: now, actor: actor, action: .restrictionAdd, subjectID: subject, purpose: purpose,
                result: origin.map { "ok:\($0)" } ?? "ok")
        )
    }
}
