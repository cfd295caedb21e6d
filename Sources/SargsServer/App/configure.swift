import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SargsCore
import SargsKit
import Vapor

/// Sets up storage, migrations, the master-key check, middleware and routes.
public func configure(_ app: Application, configuration: ServerConfiguration, context: SargsContext) async throws {
    SnakeCaseJSON.useForEveryResponse()
    let rules = context.rules
    app.sargsConfiguration = configuration
    app.brandLogo = try BrandLogo.load(rules.policy, policyPath: configuration.policyPath)
    try useDatabase(app, configuration.storage, connectionsPerEventLoop: configuration.databaseConnectionsPerEventLoop)
    app.migrations.add(CreateCoreSchema())
    app.migrations.add(CreateRequestSchema())
    app.migrations.add(AddRequestLetter())
    app.migrations.add(AddRetentionState())
    app.migrations.add(CreateBreachRegister())
    app.migrations.add(CreatePolicyVersions())
    app.migrations.add(AddRequestSignature())
    app.migrations.add(CreatePendingConsents())
    app.migrations.add(CreateConsentSessions())
    app.migrations.add(CreateCookieConsents())
    app.migrations.add(CreateStaff())
    app.migrations.add(RedactOutboxErrors())
    app.migrations.add(AddAuditChainVersion())
    app.migrations.add(AddOutboxClaim())
    app.migrations.add(AddLastTransaction())
    app.migrations.add(AddHotPathIndexes())
    app.migrations.add(AddConsentGivenBy())
    app.migrations.add(AddIndirectCollectionNotice())
    app.migrations.add(CreateRequestAttachments())
    app.migrations.add(AddFactsVersion())
    app.migrations.add(CreateRequestSystems())
    app.migrations.add(AddRequestSystemTracking())
    app.migrations.add(CreateDatasetErasureWork())
    app.migrations.add(CreateErasureOrders())
    app.migrations.add(AddRequestSystemClaim())
    app.migrations.add(AddErasureOrderLists())
    try await app.autoMigrate()
    if case .sqlite = configuration.storage, let sql = app.db as? any SQLDatabase {
        // WAL lets readers proceed while one writer commits; sqlite-nio retries on SQLITE_BUSY.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        // These hold per connection: set them on the one connection of each event loop's pool.
        // A page cache of 16 MiB (SQLite's default is 2 MiB) keeps a retention chunk's or an
        // import's pages in memory instead of spilling them to the log mid-transaction; statement
        // journals stay in memory rather than in temporary files.
        let pragmas = [
            configuration.sqliteSynchronousFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL",
            "PRAGMA cache_size=-16384", "PRAGMA temp_store=MEMORY",
        ]
        for loop in app.eventLoopGroup.makeIterator() {
            if let connection = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase {
                for pragma in pragmas { try await connection.raw(SQLQueryString(pragma)).run() }
            }
        }
    }
    try await checkMasterKey(context.masterKey, on: app.db)
    let versions = PolicyVersionService(context: context)
    let recorded = try await PolicyVersionModel.query(on: app.db).count()
    if configuration.adoptsPolicyFile || recorded == 0 {
        try await versions.adopt(
            file: configuration.policyPath, yaml: try policyText(configuration.policyPath), policy: rules.policy,
            by: "startup",
            on: app.db)
    } else {
        try await versions.refresh(on: app.db)
    }

    app.http.server.configuration.hostname = configuration.hostname
    app.http.server.configuration.port = configuration.port
    app.http.server.configuration.idleTimeout = .seconds(Int64(configuration.connectionLimits.idleTimeout))
    StrictContent.use()
    app.middleware = Middlewares()
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(
        ClientLimitMiddleware(
            limits: configuration.connectionLimits,
            clients: ClientAddress(trustedProxies: configuration.trustedProxies)))
    app.middleware.use(MethodNotAllowedMiddleware(routes: app.routes))
    app.middleware.use(APIKeyAuthenticator(cache: app.principalCache))
    Pages.configure(app)
    app.backgroundJobs = BackgroundJobs(
        worker: try outboxWorker(app, configuration: configuration, context: context), clock: context.clock,
        logger: app.logger, breaches: BreachService(context: context),
        versions: PolicyVersionService(context: context), changeNotices: PolicyChangeNotices(context: context))
    app.backgroundJobs?.purge = RecordPurge(context: context, requestDetailsDays: configuration.requestDetailsDays)
    app.backgroundJobs?.indirectNotices = IndirectCollectionNotices(context: context)
    if !context.datasets.entries.isEmpty || !context.externalSystems.isEmpty {
        app.backgroundJobs?.requests = RequestService(context: context)
    }
    app.auditHeadSigner = context.audit.heads.map { sink in
        AuditHeadSigner(key: context.audit.key, sink: sink, clock: context.clock, logger: app.logger)
    }
    if let interval = configuration.retentionInterval {
        app.retentionSchedule = RetentionSchedule(
            interval: interval, service: RetentionService(context: context), logger: app.logger)
    }
    routes(
        app, context: context, privacyCenter: configuration.privacyCenterPath,
        bannerReaskDays: configuration.bannerReaskDays,
        trustedProxies: configuration.trustedProxies, console: configuration.console)
}

/// The policy file's text, as the versions table records it.
func policyText(_ path: String) throws -> String {
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
        throw ConfigurationError.policyInvalid("\(path) cannot be read")
    }
}

/// The outbox worker: SMTP when `SARGS_SMTP_URL` is set, `.eml` files in the data directory otherwise.
func outboxWorker(_ app: Application, configuration: ServerConfiguration, context: SargsContext) throws -> OutboxWorker
{
    let rules = context.rules
    let mail: any MailTransport
    if let url = configuration.smtpURL {
        guard
            let smtp = SMTPMailTransport(
                url: url, clientName: URL(string: configuration.publicURL)?.host ?? "localhost")
        else {
            throw ConfigurationError.invalid(
                "SARGS_SMTP_URL", "must be smtp://[user:password@]host[:port] or smtps://…")
        }
        mail = smtp
    } else {
        mail = FileMailTransport(directory: configuration.mailDirectory)
    }
    let controller = rules.policy.controllers.first
    let from = configuration.mailFrom ?? controller.map { "\($0.legalName) <\($0.email)>" } ?? "privacy@localhost"
    return OutboxWorker(
        master: context.masterKey, clock: context.clock, mail: mail,
        webhooks: VaporWebhookTransport(client: app.client), from: from,
        logger: app.logger)
}

/// The embedded SQLite file in the data directory, or PostgreSQL from `DATABASE_URL`.
func useDatabase(_ app: Application, _ storage: ServerConfiguration.Storage, connectionsPerEventLoop: Int = 4) throws {
    switch storage {
    case .sqlite(let path):
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
    case .postgres(let url):
        // SQL is logged only at trace (the driver cannot turn it off); see docs/server.md.
        app.databases.use(
            try .postgres(url: url, maxConnectionsPerEventLoop: connectionsPerEventLoop, sqlLogLevel: .trace), as: .psql
        )
    }
}

/// Refuses to start when the key does not match the data (key check value), and records the
/// check value on first start.
func checkMasterKey(_ key: MasterKey, on database: any Database) async throws {
    if let stored = try await Setting.find(Setting.keyCheckValue, on: database) {
        try key.verify(checkValue: stored.value)
    } else {
        try await Setting(name: Setting.keyCheckValue, value: key.checkValue).create(on: database)
    }
}

extension Application {
    struct ConfigurationKey: StorageKey {
        typealias Value = ServerConfiguration
    }

    /// The configuration the application was set up with.
    public var sargsConfiguration: ServerConfiguration? {
        get { storage[ConfigurationKey.self] }
        set { storage[ConfigurationKey.self] = newValue }
    }
}
