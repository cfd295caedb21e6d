import Fluent
import Foundation
import SargsCore
import SargsKit

/// May this system use this person's data for this purpose now? One subject or a send list.
struct DecisionService: Sendable {
    let context: SargsContext

    /// The most subjects one batch may decide (a marketing send list).
    static let batchLimit = 10_000

    /// - Parameter database: read only on a cache miss (opening a request's database handle costs
    ///   more than a cached decision).
    func decide(
        _ body: DecisionRequest, by principal: Principal, on database: @autoclosure () -> any Database
    ) async throws -> DecisionResponse {
        if let answer = try cachedDecision(body, by: principal) { return answer }
        let channel = try Self.channel(body.channel)
        let subjectID: UUID
        let state: SubjectState
        if let id = body.subjectID {
            guard let facts = try await context.facts(of: id, on: database()) else {
                throw DomainError.notFound("the subject")
            }
            (subjectID, state) = (id, facts)
        } else if let email = body.email {
            let database = database()
            // The id alone by the blind index (no model hydrated), then the facts as by id: from the cache when kept.
            guard let id = try await SubjectQueries.id(email: email, master: context.masterKey, on: database),
                let facts = try await context.facts(of: id, on: database)
            else {
                throw DomainError.notFound("the subject")
            }
            (subjectID, state) = (id, facts)
        } else {
            throw DomainError.malformed("subject_id", "give subject_id or email")
        }
        return try answer(body, subject: subjectID, state: state, channel: channel)
    }

    /// The decision when the caller may ask it and the subject's facts are in the cache: the hot
    /// path, which needs neither the database nor a suspension (a route answers it on its event
    /// loop). Nil when the facts must be read.
    func cachedDecision(_ body: DecisionRequest, by principal: Principal) throws -> DecisionResponse? {
        guard principal.mayUse(purpose: body.purpose) else {
            throw DomainError.forbidden("this service key may not decide for purpose '\(body.purpose)'")
        }
        guard let id = body.subjectID, let state = context.factsCache?.state(of: id) else { return nil }
        return try answer(body, subject: id, state: state, channel: try Self.channel(body.channel))
    }

    private func answer(
        _ body: DecisionRequest, subject: UUID, state: SubjectState, channel: ContactChannel?
    ) throws -> DecisionResponse {
        let decision = try decided(
            state, purpose: body.purpose, channel: channel, categories: body.categories, at: context.clock.now)
        ServerMetrics.decision(purpose: body.purpose, allowed: decision.allowed, reason: decision.reason.rawValue)
        return DecisionResponse(
            subjectID: subject.wire, allowed: decision.allowed, legalBasis: decision.legalBasis.rawValue,
            reason: decision.reason.rawValue, categories: decision.categories)
    }

    func batch(
        _ body: BatchDecisionRequest, by principal: Principal,
        on database: @autoclosure () -> any Database
    ) async throws -> BatchDecisionResponse {
        guard principal.mayUse(purpose: body.purpose) else {
            throw DomainError.forbidden("this service key may not decide for purpose '\(body.purpose)'")
        }
        guard !body.subjectIDs.isEmpty, body.subjectIDs.count <= Self.batchLimit else {
            throw DomainError.invalid("subject_ids", "give 1 to \(Self.batchLimit) subject ids")
        }
        let channel = try Self.channel(body.channel)
        let now = context.clock.now
        // Validate purpose and channel once, before touching the database.
        _ = try decided(SubjectState(), purpose: body.purpose, channel: channel, categories: nil, at: now)
        let states = try await facts(of: body.subjectIDs, on: database())
        var results: [BatchDecisionResponse.Item] = []
        results.reserveCapacity(body.subjectIDs.count)
        var allowed = 0
        for id in body.subjectIDs {
            guard let state = states[id] else {
                results.append(.init(subjectID: id.wire, allowed: false, reason: "not_found"))
                continue
            }
            let decision = try decided(state, purpose: body.purpose, channel: channel, categories: nil, at: now)
            if decision.allowed { allowed += 1 }
            results.append(.init(subjectID: id.wire, allowed: decision.allowed, reason: decision.reason.rawValue))
        }
        ServerMetrics.decision(purpose: body.purpose, allowed: true, reason: "batch", count: allowed)
        ServerMetrics.decision(purpose: body.purpose, allowed: false, reason: "batch", count: results.count - allowed)
        return BatchDecisionResponse(
            purpose: body.purpose, channel: body.channel, allowed: allowed, denied: results.count - allowed,
            results: results)
    }

    /// The facts of `ids` (unknown ones absent): from the cache where it may serve them (in
    /// versioned mode, after one statement reading their versions), the rest read in one
    /// statement per table and kept at the versions read before them.
    private func facts(of ids: [UUID], on database: any Database) async throws -> [UUID: SubjectState] {
        let rules = context.rules
        let cache = context.factsCache
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

    static func channel(_ raw: String?) throws -> ContactChannel? {
        guard let raw else { return nil }
        guard let channel = ContactChannel(rawValue: raw) else {
            throw DomainError.invalid(
                "channel",
                "'\(raw)' is not a channel; channels: \(ContactChannel.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return channel
    }

    /// An unknown purpose, channel or category is a 422 naming the field, never a denial.
    func decided(
        _ state: SubjectState, purpose: String, channel: ContactChannel?, categories: [String]?, at now: Date
    ) throws -> Decision {
        let rules = context.rules
        do {
            return try rules.engine.decide(state, purpose: purpose, channel: channel, categories: categories, at: now)
        } catch .unknownPurpose {
            throw DomainError.invalid("purpose", "purpose '\(purpose)' is not declared in the policy")
        } catch .channelNotOfPurpose(_, let channel) {
            throw DomainError.invalid("channel", "purpose '\(purpose)' does not use the channel '\(channel.rawValue)'")
        } catch .unknownCategory(let key) {
            throw DomainError.invalid("categories", "category '\(key)' is not declared in the policy")
        }
    }
}
