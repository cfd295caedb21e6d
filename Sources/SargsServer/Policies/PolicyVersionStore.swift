import Crypto
import Fluent
import Foundation
import SargsCore
import SargsKit

/// Reads the versions table and turns rows into the rules the schedule serves.
enum PolicyVersionStore {
    /// Every version, in the order they take effect.
    static func all(on database: any Database) async throws -> [PolicyVersionModel] {
        try await PolicyVersionModel.query(on: database).sort(\.$effectiveAt).sort(\.$publishedAt).all()
    }

    /// The index of the version in force at `now` in `rows` (ordered as `all` returns them).
    static func inForce(_ rows: [PolicyVersionModel], at now: Date) -> Int? {
        rows.lastIndex { $0.effectiveAt <= now }
    }

    /// Parses a stored version; a row that no longer passes the checks is a configuration error.
    static func policy(of row: PolicyVersionModel) throws -> Policy {
        let outcome = PolicyChecker.check(
            yaml: row.yaml, file: "policy version \(row.versionLabel)", checkingDatasets: false)
        guard outcome.isValid, var policy = outcome.policy else {
            let errors = outcome.diagnostics.errors.map(\.formatted).joined(separator: "\n")
            throw ConfigurationError.policyInvalid(
                "the stored policy version \(row.versionLabel) no longer passes the checks:\n\(errors)")
        }
        // The notice states the date the version takes effect as published, whatever the file says.
        policy.policy.effective = row.effectiveOn.description
        return policy
    }

    /// The rules of the rows from `index` on, each with the consents outdated by the versions up to it.
    static func rules(_ rows: [PolicyVersionModel], from index: Int) throws -> [PolicyRules] {
        var steps: [ConsentScope.Step] = []
        var result: [PolicyRules] = []
        for (position, row) in rows.enumerated() {
            steps.append(ConsentScope.Step(version: row.versionLabel, renewed: row.renewedPurposes))
            guard position >= index else { continue }
            result.append(
                try PolicyRules(
                    policy: try policy(of: row), versionID: try row.requireID(), effectiveAt: row.effectiveAt,
                    outdatedConsent: ConsentScope.outdatedVersions(steps)))
        }
        return result
    }

    /// A new row; `effectiveOn` today takes effect at `now`.
    static func row(
        yaml: String, policy: Policy, effectiveOn: CivilDate, now: Date, by actor: String, diff: PolicyDiff?,
        renewed: [String]
    ) throws -> PolicyVersionModel {
        let row = PolicyVersionModel()
        row.id = UUID()
        row.versionLabel = policy.policy.version
        row.contentHash = hash(yaml)
        row.yaml = yaml
        row.effectiveOn = effectiveOn
        row.effectiveAt = max(now, Date(timeIntervalSince1970: Double(effectiveOn.dayNumber) * 86_400))
        row.publishedAt = now
        row.publishedBy = actor
        let material = !(diff?.isEmpty ?? true)
        row.material = material
        row.changes = String(decoding: try JSONEncoder().encode(diff?.changes ?? []), as: UTF8.self)
        row.renewedConsent = renewed.joined(separator: ",")
        row.noticeState = material ? .sending : .notRequired
        row.subjectsChecked = 0
        row.noticesQueued = 0
        return row
    }

    static func hash(_ yaml: String) -> String { SHA256.hash(data: Data(yaml.utf8)).hex }
}
