import Fluent
import Foundation
import SargsCore
import SargsKit
import SQLKit

/// Erasures outside a request carried to a system with no API (issue 25): the people a retention
/// run or a bulk erasure left with nothing in Sargs reach its owner as one list per pass of the
/// background jobs (not one message per person), behind a signed link naming no one. The owner
/// erases them and confirms with a count; until then the orders wait, and are late after the
/// system's days, as a request's part is.
extension ErasureOrders {
    /// What the owner's page shows: opened from the sealed orders when the link is used, never stored.
    struct OwnerList: Sendable {
        var system: String
        var due: Date?
        /// Each person's identities: (`email`, `phone_number` or `external_id`, value) pairs.
        var people: [[(kind: String, value: String)]]
        var done: Bool
    }

    /// The owner's link to one list: the list's id sealed.
    static let listLink = SealedIDLink(context: "erasure-list|v1")

    /// Each manual system's owner gets the orders pending for that system as one list.
    func listForOwners(on database: any Database) async throws {
        for system in Self.manualSystems(external) { try await list(for: system, on: database) }
    }

    /// Gathers the manual system's pending orders into a new list, marks them waiting until the
    /// system's days have passed, and sends the owner the link, in one transaction.
    func list(for system: CompanySystem, on database: any Database) async throws {
        guard let manual = system.manual else { return }
        let now = clock.now
        let listID = UUID()
        let due = now.addingTimeInterval(TimeInterval(manual.days) * 86_400)
        let rules = ruleSource.current
        let link = "\(settings.publicURL)/tasks/erasures/\(try Self.listLink.token(for: listID, master: keys.master))"
        let messages = try RequestMessages(policy: rules.policy, language: rules.policy.authoritativeLanguage)
        let master = keys.master
        let name = system.id
        try await store.write(on: database) { database in
            // Claimed on `pending`, so two passes at once list each order once.
            let listed = try await JobLease.sql(database).raw(
                """
                UPDATE \(ident: ErasureOrderModel.schema)
                SET status = \(bind: ErasureOrderModel.Status.waiting), list_id = \(bind: listID),
                due_at = \(bind: due), attempts = attempts + 1, updated_at = \(bind: now)
                WHERE system = \(bind: name) AND status = \(bind: ErasureOrderModel.Status.pending) RETURNING id
                """
            ).all().count
            guard listed > 0 else { return ((), []) }
            let message = messages.erasureList(system: name, count: listed, link: link, due: rules.localDay(due))
            _ = try await Outbox.email(
                to: manual.owner, message, topic: "system-task", requestID: nil, master: master, at: now, on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: "system", action: .systemErase,
                        result: AuditResult.ok(name, "listed=\(listed)"))
                ]
            )
        }
    }

    /// The list behind a link; `DomainError.linkExpired` when the link was altered or names no list.
    func ownerList(_ token: String?, on database: any Database) async throws -> OwnerList {
        let (system, orders) = try await listOrders(token, on: database)
        var people: [[(kind: String, value: String)]] = []
        for order in orders where order.status == .waiting {
            let id = try order.requireID()
            let identities = try JSONDecoder().decode(
                [String: [String]].self,
                from: try Vault.openService(order.identities, context: ErasureOrderModel.context(id), with: keys.master)
            )
            people.append(
                identities.keys.sorted().flatMap { kind in (identities[kind] ?? []).map { (kind, $0) } })
        }
        return OwnerList(
            system: system, due: orders.compactMap(\.dueAt).min(), people: people,
            done: !orders.contains { $0.status == .waiting })
    }

    /// The owner confirms the list: every order on it still waiting is done, its identities
    /// forgotten, audited in the owner's name with the records counted. A second confirmation
    /// changes nothing.
    func confirmList(_ token: String?, records: Int, on database: any Database) async throws -> OwnerList {
        guard (0...1_000_000).contains(records) else {
            throw DomainError.invalid("records", "must be a whole number from 0 to 1000000")
        }
        let (system, orders) = try await listOrders(token, on: database)
        let waiting = try orders.filter { $0.status == .waiting }.map { try $0.requireID() }
        if !waiting.isEmpty {
            let now = clock.now
            try await store.write(on: database) { database in
                let done = try await JobLease.sql(database).raw(
                    """
                    UPDATE \(ident: ErasureOrderModel.schema)
                    SET status = \(bind: ErasureOrderModel.Status.done), identities = \(bind: Data()),
                    updated_at = \(bind: now)
                    WHERE id IN (\(binds: waiting)) AND status = \(bind: ErasureOrderModel.Status.waiting) RETURNING id
                    """
                ).all().count
                guard done > 0 else { return ((), []) }
                return (
                    (),
                    [
                        AuditChain.Draft(
                            time: now, actor: "owner:\(system)", action: .systemErase,
                            result: AuditResult.ok(system, "subjects=\(done);rows=\(records)"))
                    ]
                )
            }
        }
        return try await ownerList(token, on: database)
    }

    private func listOrders(
        _ token: String?, on database: any Database
    ) async throws -> (String, [ErasureOrderModel]) {
        guard let list = Self.listLink.id(from: token, master: keys.master) else { throw DomainError.linkExpired }
        let orders = try await ErasureOrderModel.query(on: database).filter(\.$listID == list)
            .sort(\.$createdAt).all()
        guard let system = orders.first?.system, external.manualSystem(system) != nil else {
            throw DomainError.linkExpired
        }
        return (system, orders)
    }
}
