import Fluent
import Foundation
import SargsCore
import SargsKit

/// Publishes policy versions, schedules them and keeps every process's schedule in step with the
/// versions table (Art. 13(3): a change is told before it applies; the policy's own notice period).
struct PolicyVersionService: Sendable {
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let settings: ServerSettings

    /// Checks `yaml` and schedules it for `effectiveOn` (`YYYY-MM-DD`). A material change must
    /// respect the policy's `change_notice_days` and carry a new `policy.version`.
    func publish(
        yaml: String, file: String, effectiveOn raw: String?, by actor: String, on database: any Database
    ) async throws -> PolicyVersionView {
        try await exclusively(on: database) {
            try await publishHoldingLease(yaml: yaml, file: file, effectiveOn: raw, by: actor, on: database)
        }
    }

    /// Runs `body` holding the versions lease, so two publishes (or two servers starting on an empty
    /// table) never both pass the checks against the same latest version; waits up to 10 s for it.
    func exclusively<T: Sendable>(on database: any Database, _ body: () async throws -> T) async throws -> T {
        let lease = JobLease(name: "policy-versions", lifetime: 60)
        var acquired = false
        for _ in 0..<50 {
            if try await lease.acquire(at: serverClock.now, on: database) { acquired = true; break }
            try await Task.sleep(for: .milliseconds(200))
        }
        guard acquired else {
            throw DomainError.conflict("policy", "another process is publishing a version; try again")
        }
        do {
            let result = try await body()
            try await lease.release(on: database)
            return result
        } catch {
            try? await lease.release(on: database)
            throw error
        }
    }

    private func publishHoldingLease(
        yaml: String, file: String, effectiveOn raw: String?, by actor: String,
        on database: any Database
    ) async throws -> PolicyVersionView {
        let rules = ruleSource.current
        let outcome = PolicyChecker.check(yaml: yaml, file: file)
        guard outcome.isValid, let policy = outcome.policy else {
            let errors = outcome.diagnostics.errors
            let more = errors.count > 1 ? " (and \(errors.count - 1) more error(s); run `sargs policy check`)" : ""
            throw DomainError.invalid("policy", (errors.first?.formatted ?? "the file is not a policy") + more)
        }
        guard let raw else {
            throw DomainError.malformed("effective_on", "is required: the date the version takes effect, YYYY-MM-DD")
        }
        guard let effectiveOn = CivilDate(iso: raw) else {
            throw DomainError.invalid("effective_on", "must be a date, YYYY-MM-DD")
        }
        let now = serverClock.now
        let today = DecisionEngine.civilDate(now)
        if effectiveOn < today { throw DomainError.invalid("effective_on", "must be today or later") }

        let rows = try await PolicyVersionStore.all(on: database)
        guard let latest = rows.last else {
            throw DomainError.conflict("policy", "no version is recorded yet; start the server once")
        }
        let hash = PolicyVersionStore.hash(yaml)
        if let same = rows.first(where: { $0.contentHash == hash }) {
            throw DomainError.conflict(
                "policy", "this file is already version \(same.versionLabel), effective \(same.effectiveOn)")
        }
        if effectiveOn < latest.effectiveOn {
            throw DomainError.invalid(
                "effective_on",
                "version \(latest.versionLabel) is scheduled for \(latest.effectiveOn); "
                    + "a later version cannot take effect before it"
            )
        }
        let previous = try PolicyVersionStore.policy(of: latest)
        let diff = PolicyDiff(old: previous, new: policy)
        if !diff.isEmpty {
            if rows.contains(where: { $0.versionLabel == policy.policy.version }) {
                throw DomainError.invalid(
                    "policy.version",
                    "'\(policy.policy.version)' was already published; a material change needs a new version label")
            }
            // The promise is the one made in the version people were told about: the one in force.
            let days = rules.policy.rules.changeNoticeDays ?? 0
            let earliest = today.adding(days: days)
            if effectiveOn < earliest {
                throw DomainError.invalid(
                    "effective_on",
                    "the policy promises \(days) days' notice of material changes (rules.change_notice_days); "
                        + "the earliest effective date is \(earliest)")
            }
        }
        let renewed = ConsentScope.renewed(old: previous, new: policy)
        let row = try PolicyVersionStore.row(
            yaml: yaml, policy: policy, effectiveOn: effectiveOn, now: now, by: actor, diff: diff, renewed: renewed)
        let id = try row.requireID()
        let rowInsert = try ModelWrite(inserting: row)
        let material = row.material
        try await store.write(on: database) { database in
            try await rowInsert.run(on: database)
            return (
                (),
                [
                    AuditChain.Draft(
                        time: now, actor: actor, action: .policyPublish,
                        result: "ok:\(id.wire);effective=\(effectiveOn);material=\(material)")
                ]
            )
        }
        try await refresh(on: database)
        return view(row, inForce: row.effectiveAt <= now)
    }

    /// Every version, oldest first.
    func list(on database: any Database) async throws -> [PolicyVersionView] {
        let rows = try await PolicyVersionStore.all(on: database)
        let current = PolicyVersionStore.inForce(rows, at: serverClock.now)
        return rows.enumerated().map { index, row in view(row, inForce: index == current) }
    }

    func show(_ id: UUID, on database: any Database) async throws -> PolicyVersionView {
        let rows = try await PolicyVersionStore.all(on: database)
        guard let index = rows.firstIndex(where: { $0.id == id }) else { throw DomainError.notFound("policy version") }
        return view(rows[index], inForce: index == PolicyVersionStore.inForce(rows, at: serverClock.now))
    }

    /// Makes this process serve what the table says is in force and scheduled. Cheap when
    /// nothing changed: run every few seconds so several instances pick up a new version.
    func refresh(on database: any Database) async throws {
        let now = serverClock.now
        let headers = try await PolicyVersionModel.query(on: database).field(\.$id).field(\.$effectiveAt).field(
            \.$publishedAt
        )
        .sort(\.$effectiveAt).sort(\.$publishedAt).all()
        guard let index = PolicyVersionStore.inForce(headers, at: now) else { return }
        let wanted = Set(headers[index...].compactMap(\.id))
        guard wanted != ruleSource.schedule.knownVersions || ruleSource.current.versionID != headers[index].id else {
            return
        }
        let rules = try PolicyVersionStore.rules(try await PolicyVersionStore.all(on: database), from: index)
        ruleSource.schedule.install(current: rules[0], upcoming: Array(rules.dropFirst()))
    }

    /// At start: the file the server was given becomes the first version; a later start with a
    /// file that differs materially from the version in force is refused.
    func adopt(
        file path: String, yaml: String, policy: Policy, by actor: String, on database: any Database
    ) async throws {
        try await exclusively(on: database) {
            try await adoptHoldingLease(file: path, yaml: yaml, policy: policy, by: actor, on: database)
        }
        try await refresh(on: database)
    }

    private func adoptHoldingLease(
        file path: String, yaml: String, policy: Policy, by actor: String, on database: any Database
    ) async throws {
        let now = serverClock.now
        let rows = try await PolicyVersionStore.all(on: database)
        let hash = PolicyVersionStore.hash(yaml)
        if !rows.contains(where: { $0.contentHash == hash }) {
            var diff: PolicyDiff?
            if let index = PolicyVersionStore.inForce(rows, at: now) ?? rows.indices.first {
                let current = try PolicyVersionStore.policy(of: rows[index])
                let changes = PolicyDiff(old: current, new: policy)
                guard changes.isEmpty else {
                    throw ConfigurationError.policyInvalid(
                        """
                        \(path) differs materially from version \(rows[index].versionLabel) in force. \
                        Publish it with advance notice:
                          sargs policy publish \(path) --effective YYYY-MM-DD
                        or start with the policy in force (GET /v1/policy/versions shows it).
                        \(changes.text)
                        """)
                }
                diff = changes
            }
            // In force at once; the notice keeps the file's own effective date when it is not later than today.
            let today = DecisionEngine.civilDate(now)
            let stated = CivilDate(iso: policy.policy.effective).map { min($0, today) } ?? today
            let row = try PolicyVersionStore.row(
                yaml: yaml, policy: policy, effectiveOn: stated, now: now, by: actor,
                diff: diff, renewed: [])
            let id = try row.requireID()
            let rowInsert = try ModelWrite(inserting: row)
            try await store.write(on: database) { database in
                try await rowInsert.run(on: database)
                return (
                    (),
                    [
                        AuditChain.Draft(
                            time: now, actor: actor, action: .policyPublish,
                            result: "ok:\(id.wire);first_or_not_material")
                    ]
                )
            }
        }
    }

    func view(_ row: PolicyVersionModel, inForce: Bool) -> PolicyVersionView {
        let id = row.id ?? UUID()
        return PolicyVersionView(row, inForce: inForce, noticeURL: "\(settings.publicURL)/notice/versions/\(id.wire)")
    }
}
