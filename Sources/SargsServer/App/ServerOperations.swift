import Fluent
import Foundation
import SargsCore
import SargsKit
import Vapor

/// The operations behind `sargs serve`, `migrate`, `keys` and `audit verify`, as plain async
/// functions over a configuration, so the command-line layer never touches Vapor.
public enum ServerOperations {
    /// Serves until the process is stopped. `announce` receives the startup summary to print.
    public static func serve(
        _ configuration: ServerConfiguration, announce: @Sendable @escaping (String) -> Void
    ) async throws {
        let base = "http://\(configuration.hostname):\(configuration.port)"
        let lock = try DataDirectoryLock.acquire(configuration, holder: "sargs serve on \(base)")
        defer { withExtendedLifetime(lock) {} }
        let (app, context) = try await ServerBootstrap.makeApplication(configuration)
        let rules = context.rules
        let storage: String
        switch configuration.storage {
        case .sqlite(let path): storage = "SQLite database \(path)"
        case .postgres: storage = "PostgreSQL (DATABASE_URL)"
        }
        let mail =
            configuration.smtpURL.flatMap { URL(string: $0)?.host }.map { "SMTP server \($0)" }
            ?? ".eml files in \(configuration.mailDirectory) (read the newest with `sargs mail last`)"
        let retention =
            configuration.retentionInterval.map { "every \(Self.duration($0))" } ?? "off (SARGS_RETENTION_SCHEDULE)"
        let banner = """
            Sargs is listening on \(base)
              privacy center: \(base)/privacy
              console:        \(base)/console
              notice:         \(base)/notice
              API:            \(base)/openapi.yaml
              policy:  \(configuration.policyPath) (version \(rules.policy.policy.version))
              storage: \(storage)
              mail:    \(mail)
              retention: \(retention)
            Create a first API key in another terminal with:
              sargs keys create --role admin --data-dir \(configuration.dataDirectory)

            """
        if case .sqlite = configuration.storage {
            let released = try await OutboxWorker.releaseClaims(on: app.db, now: context.clock.now)
            if released > 0 {
                app.logger.notice(
                    "messages claimed by a stopped process are due again", metadata: ["count": "\(released)"])
            }
        }
        let signer = app.auditHeadSigner
        // Once the port is bound, the banner is printed and the background loops start: a server
        // that could not bind announces nothing and runs no job.
        let started = Task { () -> [Task<Void, Never>] in
            // `running` is set once the server has bound its port. (Not `http.server.shared`: read
            // from here it could create a second server beside the one being started.)
            while app.running == nil {
                guard !Task.isCancelled else { return [] }
                try? await Task.sleep(for: .milliseconds(20))
            }
            announce(banner)
            return [
                app.backgroundJobs?.loop(database: { app.db }), app.retentionSchedule?.loop(database: { app.db }),
                signer?.loop(database: { app.db }),
            ].compactMap { $0 }
        }
        /// The background loops stop, and their current round ends, before the databases close;
        /// then the audit head is signed once more, over the last entries written.
        @Sendable func stopBackground() async {
            started.cancel()
            let loops = await started.value
            for loop in loops { loop.cancel() }
            for loop in loops { await loop.value }
            await signer?.tick(on: app.db)
        }
        try await run(app) { app in
            do { try await app.execute() } catch {
                await stopBackground()
                throw StartupFailure.explaining(error, configuration: configuration)
            }
            await stopBackground()
        }
    }

    /// An interval in plain words: `1d`, `6h`, `30m`.
    static func duration(_ seconds: TimeInterval) -> String {
        let value = Int(seconds)
        if value % 86_400 == 0 { return "\(value / 86_400)d" }
        if value % 3_600 == 0 { return "\(value / 3_600)h" }
        return "\(value / 60)m"
    }

    /// Migrates the database and checks the master key, then returns.
    public static func migrate(_ configuration: ServerConfiguration) async throws {
        try await withApplication(configuration, lockingAs: "sargs migrate") { _, _ in }
    }

    public static func createKey(
        _ configuration: ServerConfiguration, role: Role, purposes: [String]
    ) async throws -> APIKeys.Created {
        try await withApplication(configuration) { app, context in
            let rules = context.rules
            return try await APIKeys.create(
                role: role, purposes: purposes, policy: rules.policy, actor: "cli", audit: context.audit, on: app.db,
                now: context.clock.now)
        }
    }

    public static func listKeys(_ configuration: ServerConfiguration) async throws -> [APIKeys.Listed] {
        try await withApplication(configuration) { app, _ in try await APIKeys.list(on: app.db) }
    }

    public static func revokeKey(_ configuration: ServerConfiguration, keyID: String) async throws {
        try await withApplication(configuration) { app, context in
            try await APIKeys.revoke(
                keyID: keyID, actor: "cli", audit: context.audit, principals: app.principalCache, on: app.db,
                now: context.clock.now)
        }
    }

    /// Adds a console staff member (`sargs staff add`).
    public static func addStaff(
        _ configuration: ServerConfiguration, email: String, role: Role, name: String?
    ) async throws -> StaffAccounts.Member {
        try await withApplication(configuration) { app, context in
            try await StaffAccounts(context: context).add(
                email: email, role: role, name: name, actor: "cli", on: app.db)
        }
    }

    /// The console staff (`sargs staff list`).
    public static func listStaff(_ configuration: ServerConfiguration) async throws -> [StaffAccounts.Member] {
        try await withApplication(configuration) { app, context in
            try await StaffAccounts(context: context).list(on: app.db)
        }
    }

    /// Removes a staff member and ends their sessions (`sargs staff remove`).
    public static func removeStaff(_ configuration: ServerConfiguration, email: String) async throws {
        try await withApplication(configuration) { app, context in
            try await StaffAccounts(context: context).remove(email: email, actor: "cli", on: app.db)
        }
    }

    /// Verifies the whole audit chain, and against the signed head (`sargs audit verify`). Throws
    /// `AuditHeadError` when the head file exists but cannot be read as a signed head.
    public static func verifyAudit(_ configuration: ServerConfiguration) async throws -> AuditCheck {
        try await withApplication(configuration) { app, context in try await context.audit.verify(on: app.db) }
    }

    /// What a batch erasure did.
    public struct ErasureSummary: Sendable {
        public var shredded = 0
        public var partial = 0
        public var alreadyErased = 0
        public var notFound = 0
        /// What the company's datasets did (rows emptied or deleted, groups that failed and wait
        /// for the next erasure or retention run).
        public var datasets: [RetentionRunSummary.DatasetCount] = []
    }

    /// Erases many subjects (GDPR Art. 17) in transactions of `databaseChunkSize` subjects, each with
    /// its audit entries; subjects that must keep data are restricted, the rest crypto-shredded.
    public static func eraseSubjects(_ configuration: ServerConfiguration, ids: [UUID]) async throws -> ErasureSummary {
        try await withApplication(configuration, lockingAs: "sargs subjects erase") { app, context in
            let rules = context.rules
            var summary = ErasureSummary()
            let now = context.clock.now
            let recorder = DatasetErasureQueue.Recorder(
                context.datasets, external: context.externalSystems, origin: "cli", vault: context.keys.vault(rules),
                master: context.masterKey)
            let orders = ErasureOrders(
                keys: context.keys, store: context.store, clock: context.clock, external: context.externalSystems,
                settings: context.settings, ruleSource: context.ruleSource)
            let runner = DatasetErasureQueue.Runner(
                keys: context.keys, store: context.store, clock: context.clock, datasets: context.datasets)
            var datasets = RetentionRunSummary(started: UUID(), by: "cli", at: now)
            // Deletions leave the log within about a second and before the command ends; the company
            // databases' connections stay open for the whole command.
            try await ExternalDatabase.Session.during { session in
                try await SecureDeletion.batched(on: app.db) { flushes in
                    for chunk in ids.chunked() {
                        let results = try await context.store.write(
                            on: app.db, affecting: chunk, deleting: .securelyIn(flushes)
                        ) { database in
                            try await ErasureService.erase(
                                chunk, planner: rules.erasurePlanner, owners: context.subjectData, actor: "cli",
                                at: now,
                                datasets: recorder, on: database)
                        }
                        // The chunk is committed: the same categories go in the company's datasets.
                        datasets.add(datasets: try await runner.carryOut(actor: "cli", in: session, on: app.db))
                        try await orders.resume(listing: false, on: app.db)
                        for result in results {
                            if result.alreadyErased {
                                summary.alreadyErased += 1
                            } else if result.shredded {
                                summary.shredded += 1
                            } else {
                                summary.partial += 1
                            }
                        }
                        summary.notFound += chunk.count - results.count
                    }
                }
            }
            // The owners of systems with no API get the command's people as one list each.
            try await orders.listForOwners(on: app.db)
            summary.datasets = datasets.datasets ?? []
            return summary
        }
    }

    /// The ids and times of every crypto-shredded subject, oldest first: keep this list outside the
    /// database backups and replay it after a restore.
    public static func tombstones(_ configuration: ServerConfiguration) async throws -> [(id: UUID, erasedAt: Date)] {
        try await withApplication(configuration) { app, _ in
            try await TombstoneModel.query(on: app.db).sort(\.$erasedAt).all().compactMap { row in
                row.id.map { ($0, row.erasedAt) }
            }
        }
    }

    /// After a restore: crypto-shreds again every listed subject the restored data still holds, and
    /// restores the tombstones. Returns how many subjects were shredded again.
    public static func replayTombstones(_ configuration: ServerConfiguration, ids: [UUID]) async throws -> Int {
        try await withApplication(configuration, lockingAs: "sargs subjects replay-tombstones") { app, context in
            try await ErasureService.replayTombstones(
                ids, store: context.store, owners: context.subjectData, clock: context.clock, on: app.db)
        }
    }

    /// Publishes a policy version (`sargs policy publish`): checked, compared with the latest
    /// version and scheduled for `effectiveOn`; the running server switches to it on that day and
    /// sends the change notices.
    public static func publishPolicy(
        _ configuration: ServerConfiguration, file: String, yaml: String,
        effectiveOn: String
    ) async throws -> PolicyPublication {
        var configuration = configuration
        configuration.adoptsPolicyFile = false
        return try await withApplication(configuration) { app, context in
            PolicyPublication(
                try await PolicyVersionService(context: context).publish(
                    yaml: yaml, file: file, effectiveOn: effectiveOn,
                    by: "cli", on: app.db))
        }
    }

    /// What the retention rules make due on `asOf` (`YYYY-MM-DD`, default today), every action listed.
    public static func retentionPreview(
        _ configuration: ServerConfiguration, asOf: String?
    ) async throws -> RetentionReport {
        try await withApplication(configuration) { app, context in
            try await RetentionService(context: context).preview(asOf: asOf, limit: Int.max, on: app.db)
        }
    }

    /// Carries out every retention action due now (`sargs retention run`). When the retention rules
    /// changed since the last confirmed run, `confirm` is shown the dry-run report first and the run
    /// goes ahead only if it answers true; nil is returned when it does not.
    public static func retentionRun(
        _ configuration: ServerConfiguration, chunkSize: Int,
        confirm: @escaping @Sendable (RetentionReport) -> Bool,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> RetentionRunSummary? {
        try await withApplication(configuration, lockingAs: "sargs retention run") { app, context in
            let service = RetentionService(context: context)
            var confirmed = false
            if try await service.rulesNeedConfirmation(on: app.db) {
                let report = try await service.preview(asOf: nil, limit: Int.max, on: app.db)
                // Nothing due: the rules delete nothing now, so there is nothing to review and nobody is asked.
                if !report.actions.isEmpty {
                    guard confirm(report) else { return nil }
                }
                confirmed = true
            }
            return try await service.run(
                actor: "cli", confirmingRuleChange: confirmed, chunkSize: chunkSize, on: app.db, progress: progress)
        }
    }

    /// Imports subjects with their facts from a JSON Lines file (`sargs subjects import`); see `SubjectImport`.
    public static func importSubjects(
        _ configuration: ServerConfiguration, file: Data, allOrNothing: Bool,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> SubjectImport.Summary {
        try await withApplication(configuration, lockingAs: "sargs subjects import") { app, context in
            try await SubjectImport(context: context, actor: "cli").run(
                file, allOrNothing: allOrNothing, on: app.db, progress: progress)
        }
    }

    /// - Parameter holder: for a command that changes subjects, what it is: it takes the SQLite data
    ///   directory's lock (`DataDirectoryLock`), so it refuses to run beside a server, which
    ///   keeps subjects' facts in memory.
    static func withApplication<T: Sendable>(
        _ configuration: ServerConfiguration, lockingAs holder: String? = nil,
        _ body: @Sendable (Application, SargsContext) async throws -> T
    ) async throws -> T {
        let lock = try holder.flatMap { holder throws(ConfigurationError) in
            try DataDirectoryLock.acquire(configuration, holder: holder)
        }
        defer { withExtendedLifetime(lock) {} }
        let (app, context) = try await ServerBootstrap.makeApplication(configuration)
        return try await run(app) { app in
            let result = try await body(app, context)
            // A command that wrote entries signs the head it checked, as the server would: the next
            // start then verifies only what came after (an import of a million subjects writes millions).
            if holder != nil { await app.auditHeadSigner?.tick(on: app.db) }
            return result
        }
    }

    /// Runs `body` and shuts the application down on every path.
    static func run<T: Sendable>(_ app: Application, _ body: (Application) async throws -> T) async throws -> T {
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
