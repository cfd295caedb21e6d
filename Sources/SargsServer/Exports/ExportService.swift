import Fluent
import Foundation
import SargsCore
import SargsKit

/// The access or portability package behind an expiring signed link, built when the link is
/// fetched (no copy waits at rest). The link is the credential; every download is audited.
struct ExportService: Sendable {
    let keys: ServerKeys
    let store: WriteStore
    let ruleSource: RuleSource
    let serverClock: ServerClock
    let subjectData: [any SubjectDataOwner]
    /// The company's own datasets, read when a package is built (nothing of theirs is kept).
    let datasets: CompanyDatasets

    /// A built package.
    struct Package: Sendable {
        var bytes: [UInt8]
        var filename: String
    }

    func download(token: String?, on database: any Database) async throws -> Package {
        guard let token, let requestID = ExportLinks.verify(token, master: keys.master, now: serverClock.now)
        else {
            throw DomainError.linkExpired
        }
        guard let dsr = try await RequestModel.find(requestID, on: database) else {
            throw DomainError.notFound("the export")
        }
        return try await package(for: dsr, actor: "link:\(requestID.wire)", on: database)
    }

    /// The package of a completed access or portability request, built now; the download is
    /// audited with `actor` (the link, or the staff member in the console).
    /// Whether a request has a package: a completed access or portability request.
    static func isExportable(_ dsr: RequestModel) -> Bool {
        dsr.status == .completed && (dsr.type == .access || dsr.type == .portability)
    }

    func package(for dsr: RequestModel, actor: String, on database: any Database) async throws -> Package {
        let rules = ruleSource.current
        let now = serverClock.now
        let requestID = try dsr.requireID()
        guard Self.isExportable(dsr), let subjectID = dsr.subjectID,
            let subject = try await SubjectModel.find(subjectID, on: database), !subject.isErased
        else {
            throw DomainError.notFound("the export")
        }
        var export = try await keys.vault(rules).export(of: subject, owners: subjectData, on: database)
        try await addSystems(to: &export, subject: subject, on: database)
        let scope: ExportScope = dsr.type == .access ? .access : .portability
        let bytes = try ExportPackage(policy: rules.policy, language: dsr.language).archive(
            export, scope: scope, generatedAt: now)
        try await store.audit.record(
            [
                AuditChain.Draft(
                    time: now, actor: actor, action: .exportDownload,
                    subjectID: subjectID, categories: Array(Set(export.items.map(\.category))).sorted(),
                    result: AuditResult.ok(scope))
            ], on: database)
        return Package(bytes: bytes, filename: "\(scope.auditText)-\(RequestReference.of(requestID)).zip")
    }

    /// Reads what each company dataset holds about the subject into the export; a system that cannot
    /// be read is named in the package instead of failing the download.
    func addSystems(to export: inout SubjectExport, subject: SubjectModel, on database: any Database) async throws {
        guard !datasets.entries.isEmpty else { return }
        let identities = try await keys.vault(ruleSource.current).identities(of: subject, on: database)
        await SystemReads.add(to: &export, identities: identities, datasets: datasets)
    }
}
