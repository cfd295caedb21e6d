import Fluent
import Foundation
import SargsCore
import Vapor

/// `/v1/decisions`: may this system use this person's data for this purpose now?
struct DecisionsController: Sendable {
    let context: SargsContext

    struct DecisionRequest: Content {
        var subjectID: UUID?
        var email: String?
        var purpose: String
        var channel: String?
        var categories: [String]?

        enum CodingKeys: String, CodingKey { case subjectID = "subject_id", email, purpose, channel, categories }
    }

    struct DecisionResponse: Content {
        var subjectID: UUID
        var allowed: Bool
        var legalBasis: String
        var reason: String
        var categories: [String]

        enum CodingKeys: String, CodingKey { case subjectID = "subject_id", allowed, legalBasis = "legal_basis", reason, categories }
    }

    struct BatchRequest: Content {
        var purpose: String
        var channel: String?
        var subjectIDs: [UUID]

        enum CodingKeys: String, CodingKey { case purpose, channel, subjectIDs = "subject_ids" }
    }

    struct BatchResponse: Content {
        struct Item: Content {
            var subjectID: UUID
            var allowed: Bool
            var reason: String

            enum CodingKeys: String, CodingKey { case subjectID = "subject_id", allowed, reason }
        }

        var purpose: String
        var channel: String?
        var allowed: Int
        var denied: Int
        var results: [Item]
    }

    /// The most subjects one batch may decide (a marketing send list).
    static let batchLimit = 10_000

    func register(_ routes: any RoutesBuilder) {
        let decisions = routes.grouped("v1", "decisions")
        decisions.post(use: decide)
        // A full batch of 10,000 ids is about 400 KB.
        decisions.on(.POST, "batch", body: .collect(maxSize: "2mb"), use: batch)
    }

    @Sendable
    func decide(_ request: Request) async throws -> DecisionResponse {
        let principal = try request.principal()
        let body = try request.content.decode(DecisionRequest.self)
        guard principal.mayUse(purpose: body.purpose) else { throw APIProblem.forbidden("this service key may not decide for purpose '\(body.purpose)'") }
        let channel = try parseChannel(body.channel)
        let subjectID: UUID
        let state: SubjectState
        if let id = body.subjectID, let cached = context.factsCache?.state(of: id) {
            (subjectID, state) = (id, cached)  // the hot path: no query at all
        } else {
            let subject: SubjectModel?
            if let id = body.subjectID {
                subject = try await SubjectModel.find(id, on: request.db)
            } else if let email = body.email {
                subject = try await SubjectModel.find(email: email, master: context.masterKey, on: request.db)
            } else {
                throw APIProblem.badRequest("subject_id", "give subject_id or email")
            }
            guard let subject else { throw APIProblem.notFound("the subject") }
            (subjectID, state) = (try subject.requireID(), try await context.facts(of: subject, on: request.db))
        }
        let decision = try decideMapped(state, purpose: body.purpose, channel: channel, categories: body.categories)
        ServerMetrics.decision(purpose: body.purpose, allowed: decision.allowed, reason: decision.reason.rawValue)
        return DecisionResponse(subjectID: subjectID, allowed: decision.allowed, legalBasis: decision.legalBasis.rawValue,
                                reason: decision.reason.rawValue, categories: decision.categories)
    }

    @Sendable
    func batch(_ request: Request) async throws -> BatchResponse {
        let principal = try request.principal()
        let body = try request.content.decode(BatchRequest.self)
        guard principal.mayUse(purpose: body.purpose) else { throw APIProblem.forbidden("this service key may not decide for purpose '\(body.purpose)'") }
        guard !body.subjectIDs.isEmpty, body.subjectIDs.count <= Self.batchLimit else {
            throw APIProblem.invalid("subject_ids", "give 1 to \(Self.batchLimit) subject ids")
        }
        let channel = try parseChannel(body.channel)
        // Validate purpose and channel once, before touching the database.
        _ = try decideMapped(SubjectState(), purpose: body.purpose, channel: channel, categories: nil)
        var states: [UUID: SubjectState] = [:]
        var missing: [UUID] = []
        for id in body.subjectIDs {
            if let cached = context.factsCache?.state(of: id) { states[id] = cached } else { missing.append(id) }
        }
        if !missing.isEmpty {
            let epoch = context.factsCache?.epoch ?? 0
            let loaded = try await BatchFacts.states(of: missing, consentAge: context.engine.consentAge, on: request.db)
            for (id, state) in loaded {
                states[id] = state
                context.factsCache?.store(state, for: id, readSince: epoch)
            }
        }
        let now = Date()
        var results: [BatchResponse.Item] = []
        results.reserveCapacity(body.subjectIDs.count)
        var allowed = 0
        for id in body.subjectIDs {
            guard let state = states[id] else {
                results.append(.init(subjectID: id, allowed: false, reason: "not_found"))
                continue
            }
            let decision = try decideMapped(state, purpose: body.purpose, channel: channel, categories: nil, at: now)
            if decision.allowed { allowed += 1 }
            results.append(.init(subjectID: id, allowed: decision.allowed, reason: decision.reason.rawValue))
        }
        ServerMetrics.decision(purpose: body.purpose, allowed: true, reason: "batch", count: allowed)
        ServerMetrics.decision(purpose: body.purpose, allowed: false, reason: "batch", count: results.count - allowed)
        return BatchResponse(purpose: body.purpose, channel: body.channel, allowed: allowed, denied: results.count - allowed, results: results)
    }

    func parseChannel(_ raw: String?) throws -> ContactChannel? {
        guard let raw else { return nil }
        guard let channel = ContactChannel(rawValue: raw) else {
            throw APIProblem.invalid("channel", "'\(raw)' is not a channel; channels: \(ContactChannel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return channel
    }

    /// An unknown purpose, channel or category is a 422 naming the field, never a denial.
    func decideMapped(_ state: SubjectState, purpose: String, channel: ContactChannel?, categories: [String]?, at now: Date = Date()) throws -> Decision {
        do {
            return try context.engine.decide(state, purpose: purpose, channel: channel, categories: categories, at: now)
        } catch .unknownPurpose {
            throw APIProblem.invalid("purpose", "purpose '\(purpose)' is not declared in the policy")
        } catch .channelNotOfPurpose(_, let channel) {
            throw APIProblem.invalid("channel", "purpose '\(purpose)' does not use the channel '\(channel.rawValue)'")
        } catch .unknownCategory(let key) {
            throw APIProblem.invalid("categories", "category '\(key)' is not declared in the policy")
        }
    }
}
