import Fluent
import Foundation
import SargsCore
import SargsKit

/// May this system use this person's data for this purpose now? One subject or a send list.
struct DecisionService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock

    /// The most subjects one batch may decide (a marketing send list).
    static let batchLimit = 10_000

    /// - Parameter database: read only on a cache miss (opening a request's database handle costs
    ///   more than a cached decision).
    func decide(
        _ question: DecisionQuestion, by principal: Principal, on database: @autoclosure () -> any Database
    ) async throws -> DecisionAnswer {
        if let answer = try cachedDecision(question, by: principal) { return answer }
        let subjectID: UUID
        switch question.subject {
        case .id(let id):
            subjectID = id
        case .email(let email):
            // The id alone by the blind index (no model hydrated), then the facts as by id: from the cache when kept.
            guard let id = try await SubjectQueries.id(email: email, master: keys.master, on: database()) else {
                throw DomainError.notFound("the subject")
            }
            subjectID = id
        }
        guard
            let state = try await store.facts(
                consentAge: ruleSource.current.engine.consentAge, of: subjectID, on: database())
        else {
            throw DomainError.notFound("the subject")
        }
        return try answer(question, subject: subjectID, state: state)
    }

    /// The decision when the caller may ask it and the subject's facts are in the cache: the hot
    /// path, which needs neither the database nor a suspension (a route answers it on its event
    /// loop). Nil when the facts must be read.
    func cachedDecision(_ question: DecisionQuestion, by principal: Principal) throws -> DecisionAnswer? {
        guard principal.mayUse(purpose: question.purpose) else {
            throw DomainError.forbidden("this service key may not decide for purpose '\(question.purpose)'")
        }
        guard case .id(let id) = question.subject, let state = store.factsCache?.state(of: id) else { return nil }
        return try answer(question, subject: id, state: state)
    }

    private func answer(_ question: DecisionQuestion, subject: UUID, state: SubjectState) throws -> DecisionAnswer {
        let decision = try decided(
            state, purpose: question.purpose, channel: question.channel, categories: question.categories,
            at: serverClock.now)
        ServerMetrics.decision(purpose: question.purpose, allowed: decision.allowed, reason: decision.reason)
        return DecisionAnswer(subjectID: subject, decision: decision)
    }

    func batch(
        _ question: BatchDecisionQuestion, by principal: Principal,
        on database: @autoclosure () -> any Database
    ) async throws -> BatchDecisionAnswer {
        guard principal.mayUse(purpose: question.purpose) else {
            throw DomainError.forbidden("this service key may not decide for purpose '\(question.purpose)'")
        }
        guard !question.subjectIDs.isEmpty, question.subjectIDs.count <= Self.batchLimit else {
            throw DomainError.invalid("subject_ids", "give 1 to \(Self.batchLimit) subject ids")
        }
        let (purpose, channel) = (question.purpose, question.channel)
        let now = serverClock.now
        // Validate purpose and channel once, before touching the database.
        _ = try decided(SubjectState(), purpose: purpose, channel: channel, categories: nil, at: now)
        let states = try await facts(of: question.subjectIDs, on: database())
        let decisions = try question.subjectIDs.map { id in
            (id, try states[id].map { try decided($0, purpose: purpose, channel: channel, categories: nil, at: now) })
        }
        let answer = BatchDecisionAnswer(question: question, decisions: decisions)
        ServerMetrics.decision(purpose: purpose, allowed: true, reason: "batch", count: answer.allowed)
        ServerMetrics.decision(
            purpose: purpose, allowed: false, reason: "batch", count: decisions.count - answer.allowed)
        return answer
    }

    /// The facts of `ids` (unknown ones absent): from the cache where it may serve them (in
    /// versioned mode, after one statement reading their versions), the rest read in one
    /// statement per table and kept at the versions read before them.
    private func facts(of ids: [UUID], on database: any Database) async throws -> [UUID: SubjectState] {
        let rules = ruleSource.current
        let cache = store.factsCache
        let epoch = cache?.epoch ?? 0
        let versions = cache?.checksVersions == true ? try await FactsVersions.current(of: ids, on: database) : [:]
        var states: [UUID: SubjectState] = [:]
        var missing = Set<UUID>()
        for id in ids where states[id] == nil {
            let cached =
                cache?.checksVersions == true
                ? versions[id].flatMap { cache?.state(of: id, atVersion: $0) } : cache?.state(of: id)
            if let cached { states[id] = cached } else { missing.insert(id) }
        }
        guard !missing.isEmpty else { return states }
        for (id, state) in try await SubjectFacts.states(
            of: Array(missing), consentAge: rules.engine.consentAge, on: database)
        {
            states[id] = state
            cache?.store(state, for: id, version: versions[id] ?? 0, readSince: epoch)
        }
        return states
    }

    /// An unknown purpose, channel or category is a 422 naming the field, never a denial.
    func decided(
        _ state: SubjectState, purpose: String, channel: ContactChannel?, categories: [String]?, at now: Date
    ) throws -> Decision {
        let rules = ruleSource.current
        do {
            return try rules.engine.decide(state, purpose: purpose, channel: channel, categories: categories, at: now)
        } catch {
            throw DomainError(error, purpose: purpose)
        }
    }
}
