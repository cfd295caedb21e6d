import Fluent
import Foundation
import SargsCore
import SargsKit

/// One-click unsubscribe (RFC 8058) for the company's own mailings: links for a subject, purpose
/// and channel, and the unsubscribe itself, which withdraws the consent at once (Art. 7(3)) or,
/// for marketing on legitimate interests, records an objection to direct marketing (Art. 21(2)-(3)).
struct UnsubscribeService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let settings: ServerSettings

    /// What the company's mailer puts in the message headers.
    struct Link: Encodable, Sendable {
        var url: String
        var listUnsubscribe: String
        var listUnsubscribePost: String

        enum CodingKeys: String, CodingKey {
            case url, listUnsubscribe = "list_unsubscribe", listUnsubscribePost = "list_unsubscribe_post"
        }
    }

    /// What a link does, for its page.
    struct Target: Sendable {
        var token: UnsubscribeToken
        var language: String?
        /// Whether nothing is left to stop (already withdrawn or objected to, or the subject erased).
        var done: Bool
    }

    func link(
        subject subjectID: UUID, purpose purposeID: String?, channel: ContactChannel?, by principal: Principal,
        on database: any Database
    ) async throws -> Link {
        let rules = ruleSource.current
        guard let purposeID else { throw DomainError.malformed("purpose", "is required") }
        guard let purpose = rules.policy.purpose(purposeID) else {
            throw DomainError.invalid("purpose", "purpose '\(purposeID)' is not declared in the policy")
        }
        guard principal.mayUse(purpose: purpose.id) else {
            throw DomainError.forbidden("this service key may not act for purpose '\(purpose.id)'")
        }
        guard
            purpose.legalBasis == .consent || (purpose.legalBasis == .legitimateInterests && purpose.isDirectMarketing)
        else {
            throw DomainError.notUnsubscribable(purpose)
        }
        let channel = channel ?? .email
        guard purpose.channels.contains(channel) else { throw DomainError.channelNotOf(purpose, field: "channel") }
        let subject = try await SubjectQueries.find(subjectID, on: database)
        guard !subject.isErased else { throw DomainError.notFound("subject \(try subject.requireID().wire)") }
        let token = try UnsubscribeToken(subject: try subject.requireID(), purpose: purpose.id, channel: channel).seal(
            with: keys.master)
        let url = "\(settings.publicURL)/u/\(token)"
        return Link(url: url, listUnsubscribe: "<\(url)>", listUnsubscribePost: "List-Unsubscribe=One-Click")
    }

    /// Reads a link without changing anything (`GET /u/{token}`).
    func target(_ raw: String?, on database: any Database) async throws -> Target {
        guard let raw, let token = UnsubscribeToken.open(raw, with: keys.master) else {
            throw DomainError.linkExpired
        }
        guard let subject = try await SubjectModel.find(token.subject, on: database), !subject.isErased else {
            return Target(token: token, language: nil, done: true)
        }
        return Target(
            token: token, language: subject.language, done: try await isStopped(token, subject: subject, on: database))
    }

    /// Stops the mailing (`POST /u/{token}`); a second call changes nothing.
    @discardableResult
    func unsubscribe(_ raw: String?, on database: any Database) async throws -> Target {
        let rules = ruleSource.current
        let target = try await target(raw, on: database)
        guard !target.done, let purpose = rules.policy.purpose(target.token.purpose) else { return target }
        let token = target.token
        let now = serverClock.now
        let actor = "unsubscribe-link"
        if purpose.legalBasis == .consent {
            let event = ConsentEventModel(
                subject: token.subject, purpose: token.purpose, channel: token.channel, state: .withdrawn,
                method: "one_click_unsubscribe", policyVersion: rules.policy.policy.version,
                noticeHash: rules.noticeHash, at: now)
            let eventInsert = try ModelWrite(inserting: event)
            try await store.write(on: database, affecting: [token.subject]) { database in
                try await eventInsert.run(on: database)
                return (
                    (),
                    [
                        AuditChain.Draft(
                            time: now, actor: actor, action: .consentWithdrawn, subjectID: token.subject,
                            purpose: token.purpose,
                            result: AuditResult.ok("one_click", token.channel))
                    ]
                )
            }
        } else {
            try await store.write(on: database, affecting: [token.subject]) { database in
                let (_, draft) = try await FactService.insertObjections(
                    [.init(purpose: nil, directMarketing: true)], subject: token.subject,
                    actor: actor, origin: "one_click", at: now, on: database)
                return ((), [draft])
            }
        }
        return Target(token: token, language: target.language, done: true)
    }

    /// Whether the link has nothing left to stop: consent not given for the channel, or a direct-marketing objection.
    func isStopped(_ token: UnsubscribeToken, subject: SubjectModel, on database: any Database) async throws -> Bool {
        let rules = ruleSource.current
        let state = try await store.facts(consentAge: rules.engine.consentAge, of: subject, on: database)
        guard let purpose = rules.policy.purpose(token.purpose) else { return true }
        if purpose.legalBasis == .consent {
            return ConsentLedger.latest(
                in: state.consents, purpose: token.purpose, channel: token.channel, at: serverClock.now)?.state
                != .given
        }
        return state.objections.contains { $0.directMarketing || $0.purpose == token.purpose }
    }
}
