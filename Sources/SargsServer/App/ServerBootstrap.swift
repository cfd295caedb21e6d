import Fluent
import Foundation
import Logging
import SargsCore
import SargsKit
import Vapor

/// Starting the server or a maintenance command from resolved configuration: loads and checks
/// the policy, obtains the master key, and builds a configured application.
public enum ServerBootstrap {
    /// Loads the policy and refuses to continue when it has errors, naming each one.
    public static func loadPolicy(_ path: String) throws(ConfigurationError) -> Policy {
        let outcome = PolicyChecker.check(contentsOf: path)
        guard outcome.isValid, let policy = outcome.policy else {
            let errors = outcome.diagnostics.errors.map(\.formatted).joined(separator: "\n")
            throw .policyInvalid("\(path) has errors:\n\(errors)")
        }
        return policy
    }

    /// A configured application (database migrated, master key checked, routes registered).
    /// Vapor's own command-line parsing is bypassed: the environment carries only the program name,
    /// so `execute()` serves with the hostname and port set in `configure`.
    public static func makeApplication(
        _ configuration: ServerConfiguration,
        environment: Environment = Environment(name: "production", arguments: ["sargs"]),
        logger: Logger = Logger(label: "sargs"),
        clock: ServerClock = .system
    ) async throws -> (Application, SargsContext) {
        let policy = try loadPolicy(configuration.policyPath)
        let datasets = try CompanyDatasets.load(
            policy, policyFile: configuration.policyPath, connections: configuration.connections)
        for entry in datasets.entries where entry.url == nil {
            // Requests will report this system as failed until the variable is set: say so at start.
            logger.warning(
                """
                the dataset '\(entry.system)' names the connection \(entry.reference.connection), which is not set: \
                requests that reach it wait as failed until it is set and they are retried (docs/connectors.md)
                """
            )
        }
        let externalSystems = try ExternalSystems.load(
            policy, policyFile: configuration.policyPath, environment: configuration.variables,
            transport: HTTPProcessorTransport())
        for processor in externalSystems.processors {
            if let variable = processor.endpoint.credentials, processor.authorization == nil {
                logger.warning(
                    "the processor '\(processor.name)' names the credentials \(variable), which is not set")
            }
        }
        let masterKey = try MasterKeyStore.load(configuration, logger: logger)
        // One process owns an SQLite file; on PostgreSQL other instances may write, so entries are versioned.
        let soleWriter = if case .sqlite = configuration.storage { true } else { false }
        let cache = DecisionFactsCache(
            mebibytes: configuration.cacheMebibytes,
            checksVersions: configuration.cacheChecksVersions ?? !soleWriter)
        let audit = AuditLog(
            key: AuditChainKey(master: masterKey), heads: FileAuditHeadSink(path: configuration.auditHeadPath))
        let context = try SargsContext(
            policy: policy, masterKey: masterKey, subjectData: SubjectDataRegistry.all, clock: clock, audit: audit,
            factsCache: cache,
            publicURL: configuration.publicURL,
            exportLinkLifetime: TimeInterval(configuration.exportLinkHours * 3600),
            allowInsecureURLs: configuration.allowInsecureURLs, datasets: datasets, externalSystems: externalSystems)
        let app = try await Application.make(environment)
        // The jobs configured below keep the logger they are given: it must be this one.
        app.logger = logger
        // Per-request lines are info-level; a busy server logs notices and above unless asked.
        let level = ProcessInfo.processInfo.environment["SARGS_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        app.logger.logLevel = level ?? (environment == .testing ? .debug : .notice)
        do {
            try await configure(app, configuration: configuration, context: context)
        } catch {
            try? await app.asyncShutdown()
            throw StartupFailure.explaining(error, configuration: configuration)
        }
        return (app, context)
    }
}
