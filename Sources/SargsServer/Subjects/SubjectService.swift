import Fluent
import Foundation
import SargsCore
import SargsKit

/// Storing a subject's personal data sealed in the vault, and reading it only for a purpose.
struct SubjectService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock

    /// A subject validated and sealed, ready to insert: the row, its sealed values and its audit entry.
    struct PreparedSubject: Sendable {
        let subject: SubjectModel
        let items: [DataItemModel]
        let audit: AuditChain.Draft
        var id: UUID { subject.id! }
    }

    /// Validates and seals the values, and stores the subject with its audit entry.
    func create(_ command: CollectSubject, by principal: Principal, on database: any Database) async throws -> UUID {
        let purpose = try declaredPurpose(command.collectedFor, field: command.field + "collected_for")
        guard principal.mayUse(purpose: purpose.id) else {
            throw DomainError.forbidden("this service key may not collect data for purpose '\(purpose.id)'")
        }
        let prepared = try prepare(command, actor: principal.actor)
        // Rows as values: concurrent creates share one multi-row statement per table.
        try await SubjectQueries.uniqueContacts {
            try await store.insert(
                [RowInsertion([prepared.subject]), RowInsertion(prepared.items)], recording: [prepared.audit],
                on: database)
        }
        return prepared.id
    }

    /// Checks a new subject (declared purpose, country, language, values, collection time), creates
    /// its data key and seals its values: everything but the insert, which the caller makes (one
    /// subject through the API, many in one statement for an import).
    func prepare(_ body: CollectSubject, actor: String) throws -> PreparedSubject {
        let rules = ruleSource.current
        let prefix = body.field
        let purpose = try declaredPurpose(body.collectedFor, field: prefix + "collected_for")
        guard body.country.count == 2, body.country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw DomainError.invalid(prefix + "country", "must be an ISO 3166-1 alpha-2 code such as LV")
        }
        guard body.language.count == 2, body.language.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            throw DomainError.invalid(prefix + "language", "must be an ISO 639-1 code such as lv")
        }
        guard !body.data.isEmpty else { throw DomainError.invalid(prefix + "data", "must contain at least one value") }
        let values = try validatedValues(body.data, purpose: purpose, field: prefix + "data")
        let now = serverClock.now
        let time = try FactTime(body.collectedAt, field: prefix + "collected_at", now: now)
        let collectedAt = time.moment
        let vault = keys.vault(rules)
        let (subject, dataKey) = try vault.newSubject(
            externalRef: body.externalRef, country: body.country, language: body.language,
            at: collectedAt)
        let subjectID = try subject.requireID()
        if body.origin != .subject {
            // Art. 14(3)(a): within a reasonable period, at the latest one month after the data was obtained.
            subject.origin = body.origin
            subject.noticeDueOn = LegalPeriod.lastDay(
                after: rules.localDay(collectedAt), duration: ISODuration(months: 1))
        }
        let sealed = try vault.seal(values, for: subject, dataKey: dataKey)
        let items = sealed.map {
            DataItemModel(
                subject: subjectID, category: $0.category, ciphertext: $0.ciphertext, source: body.source,
                purpose: purpose.id,
                at: collectedAt)
        }
        return PreparedSubject(
            subject: subject, items: items,
            audit: AuditChain.Draft(
                time: now, actor: actor, action: .subjectCreate, subjectID: subjectID, purpose: purpose.id,
                categories: sealed.map(\.category), result: time.result()))
    }

    /// Replaces or adds values for a purpose that uses them.
    func update(_ body: UpdateSubjectData, by principal: Principal, on database: any Database) async throws {
        let rules = ruleSource.current
        let purpose = try declaredPurpose(body.purpose, field: "purpose")
        guard principal.mayUse(purpose: purpose.id) else {
            throw DomainError.forbidden("this service key may not act for purpose '\(purpose.id)'")
        }
        let subject = try await SubjectQueries.find(body.subjectID, on: database)
        guard let dataKey = try keys.vault(rules).dataKey(of: subject) else {
            throw DomainError.notFound("subject data")
        }
        let values = try validatedValues(body.data, purpose: purpose, field: "data")
        let now = serverClock.now
        let sealed = try keys.vault(rules).seal(values, for: subject, dataKey: dataKey)
        let subjectID = try subject.requireID()
        let vault = keys.vault(rules)
        let subjectChange = try ModelWrite(changing: subject)
        try await SubjectQueries.uniqueContacts {
            try await store.write(on: database, affecting: [subjectID]) { database in
                try await subjectChange.run(on: database)
                try await vault.store(
                    sealed, subject: subjectID, source: "update", purpose: purpose.id, at: now, on: database)
                return (
                    (),
                    [
                        AuditChain.Draft(
                            time: now, actor: principal.actor, action: .subjectUpdate, subjectID: subjectID,
                            purpose: purpose.id, categories: sealed.map(\.category), result: "ok")
                    ]
                )
            }
        }
    }

    /// A purpose-bound read of the subject with this id.
    func read(
        _ id: UUID, purpose: String?, by principal: Principal, on database: any Database
    ) async throws -> PurposeBoundRead {
        guard let purpose, !purpose.isEmpty else {
            throw DomainError.malformed("purpose", "a read must name its purpose: ?purpose=<purpose id>")
        }
        try Self.authorise(principal, toRead: purpose)
        let rules = ruleSource.current
        guard
            let (state, version) = try await store.versionedFacts(
                consentAge: rules.engine.consentAge, of: id, on: database)
        else {
            throw DomainError.notFound("subject \(id.wire)")
        }
        return try await purposeBoundRead(
            id, state: state, version: version, purposeID: purpose, rules: rules, by: principal, on: database)
    }

    /// A purpose-bound read of the subject found by e-mail address or phone number.
    func lookup(
        _ body: SubjectLookup, by principal: Principal, on database: any Database
    ) async throws -> PurposeBoundRead {
        try Self.authorise(principal, toRead: body.purpose)
        let subject: SubjectModel?
        switch body.contact {
        case .email(let email):
            subject = try await SubjectQueries.find(email: email, master: keys.master, on: database)
        case .phone(let phone):
            subject = try await SubjectQueries.find(phone: phone, master: keys.master, on: database)
        }
        guard let subject else { throw DomainError.notFound("a subject with that contact") }
        let rules = ruleSource.current
        return try await purposeBoundRead(
            try subject.requireID(),
            state: try await store.facts(consentAge: rules.engine.consentAge, of: subject, on: database),
            version: subject.factsVersion, purposeID: body.purpose, rules: rules, by: principal, on: database)
    }

    private static func authorise(_ principal: Principal, toRead purposeID: String) throws {
        guard principal.mayUse(purpose: purposeID) else {
            throw DomainError.forbidden("this service key may not read for purpose '\(purposeID)'")
        }
    }

    /// Decides the read, opens only the released categories, and audits it. The decision comes
    /// from the subject's facts and the values from its sealed values (both cached when they can
    /// be), so an allowed read costs at most one statement and a share of the audit log's next transaction.
    private func purposeBoundRead(
        _ subjectID: UUID, state: SubjectState, version: Int?, purposeID: String, rules: PolicyRules,
        by principal: Principal, on database: any Database
    ) async throws -> PurposeBoundRead {
        let now = serverClock.now
        let decision: Decision
        do {
            decision = try rules.engine.decide(state, purpose: purposeID, at: now)
        } catch {
            throw DomainError.invalid("purpose", error.description)
        }
        var data: [String: String] = [:]
        if decision.allowed, !decision.categories.isEmpty {
            guard
                let released = try await keys.vault(rules).released(
                    of: subjectID, categories: decision.categories, cache: store.factsCache,
                    version: version, on: database)
            else {
                throw DomainError.notFound("subject \(subjectID.wire)")
            }
            data = released
        }
        try await store.audit.record(
            [
                AuditChain.Draft(
                    time: now, actor: principal.actor, action: .subjectRead, subjectID: subjectID, purpose: purposeID,
                    categories: data.keys.sorted(), result: decision.auditResult)
            ], on: database)
        return PurposeBoundRead(subjectID: subjectID, purpose: purposeID, decision: decision, data: data)
    }

    func declaredPurpose(_ id: String, field: String) throws -> Purpose {
        let rules = ruleSource.current
        guard let purpose = rules.policy.purpose(id) else {
            throw DomainError.invalid(field, "purpose '\(id)' is not declared in the policy")
        }
        return purpose
    }

    /// Checks every value — a declared category, in its normal form — and, when `purpose` is
    /// given, that the purpose uses it (Art. 5(1)(b)); then the policy's minimum age. Returns the
    /// normalised values. Shared by collection, `PATCH` and rectification requests (which correct
    /// what is held, so the collection-time age rule does not apply to them).
    func validatedValues(
        _ data: [String: String], purpose: Purpose?, field prefix: String,
        enforcingMinimumAge: Bool = true
    ) throws -> [String: String] {
        let rules = ruleSource.current
        var normalised: [String: String] = [:]
        let today = rules.localDay(serverClock.now)
        let policy = rules.policy  // once: each access takes the rules in force
        for (category, raw) in data {
            let field = "\(prefix).\(category)"
            guard policy.category(category) != nil else {
                throw DomainError.invalid(field, "category '\(category)' is not declared in the policy")
            }
            if let purpose, !purpose.categories.contains(category) {
                throw DomainError.invalid(
                    field, "purpose '\(purpose.id)' does not use category '\(category)' (Art. 5(1)(b))")
            }
            do {
                normalised[category] = try ContactValue.normalised(raw, category: category, today: today)
            } catch {
                throw DomainError.invalid(field, error.description)
            }
        }
        if enforcingMinimumAge, let birth = normalised[ContactValue.birthDateCategory].flatMap(CivilDate.init(iso:)),
            let minimum = policy.rules.minimumAge, ContactValue.age(bornOn: birth, on: today) < minimum
        {
            throw DomainError.invalid(
                "\(prefix).\(ContactValue.birthDateCategory)",
                "the subject is younger than the policy's minimum age of \(minimum) (rules.minimum_age)")
        }
        return normalised
    }
}
