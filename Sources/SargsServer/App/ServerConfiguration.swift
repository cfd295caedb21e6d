import Foundation
import SargsCore
import SargsKit

/// Everything the server needs to start, resolved once from flags and `SARGS_…` environment
/// variables and validated before anything listens or touches data.
public struct ServerConfiguration: Sendable {
    /// Where the data lives: an SQLite file in a directory (the embedded default) or PostgreSQL.
    public enum Storage: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var policyPath: String
    public var dataDirectory: String
    public var storage: Storage
    public var hostname: String
    public var port: Int
    /// `SARGS_MASTER_KEY` when set; otherwise the key file in the data directory.
    public var masterKeyBase64: String?
    /// `SARGS_SMTP_URL` (`smtp://[user:password@]host[:port]` or `smtps://…`); without it e-mail is
    /// written as `.eml` files into `<data directory>/mail`.
    public var smtpURL: String?
    /// `SARGS_MAIL_FROM`; default the first controller's e-mail address.
    public var mailFrom: String?
    /// `SARGS_PUBLIC_URL`: the base URL people reach this server at, for download links.
    public var publicURL: String
    /// `SARGS_EXPORT_LINK_HOURS`: how long a download link stays valid (default 168 = 7 days).
    public var exportLinkHours: Int

    /// `SARGS_ALLOW_INSECURE_URLS=1`: accept http:// webhook endpoints and transfer URLs (development
    /// and tests only; personal data then travels unencrypted).
    public var allowInsecureURLs: Bool

    /// `SARGS_RETENTION_SCHEDULE`: how often `sargs serve` runs retention — `daily` (the default),
    /// `hourly`, a number with `m`, `h` or `d` (`6h`), or `off`. Nil when off.
    public var retentionInterval: TimeInterval?

    /// `SARGS_PRIVACY_CENTER_PATH`: where the public privacy center is mounted (default `/privacy`).
    /// Database URLs the environment gives by variable name, for the datasets' `connection`s
    /// (only `postgres://`, `postgresql://` and `sqlite:` values; never logged).
    public var connections: [String: String] = [:]
    /// The environment as given, read only for the variables the policy names (a processor's
    /// `credentials`); never logged.
    public var variables: [String: String] = [:]
    public var privacyCenterPath: String = "/privacy"
    /// `SARGS_BANNER_REASK_DAYS`: days the consent banner waits after a refusal before asking again (default 182).
    public var bannerReaskDays: Int = 182
    /// Whether the policy file becomes (or must match) a recorded version at start. `sargs policy
    /// publish` turns it off: the file it publishes may be the edited `--policy` file itself.
    public var adoptsPolicyFile = true
    /// `SARGS_DATABASE_CONNECTIONS`: PostgreSQL connections each event loop (one per core) may open
    /// (default 4; 1-64). The embedded SQLite file always uses one per event loop.
    public var databaseConnectionsPerEventLoop = 4
    /// `SARGS_TRUSTED_PROXIES`: addresses of reverse proxies whose `X-Forwarded-For` names the client.
    public var trustedProxies: Set<String> = []
    /// Console session lifetimes and the admin second-factor rule.
    public var console = ConsoleSettings()
    /// Timeouts and the per-client cap (`SARGS_IDLE_TIMEOUT`, `SARGS_BODY_TIMEOUT`, `SARGS_MAX_REQUESTS_PER_CLIENT`).
    public var connectionLimits = ConnectionLimits()
    /// `SARGS_SQLITE_SYNCHRONOUS`: `normal` (the default: an acknowledged write survives the
    /// process being killed) or `full` (it also survives a power loss, at a measured cost).
    public var sqliteSynchronousFull = false
    /// `SARGS_CACHE_MEMORY`: MiB the in-process caches of subjects' decision facts and sealed values
    /// may take (16-16384, default 128); full, they forget the least recently used first.
    public var cacheMebibytes = 128
    /// `SARGS_CACHE_CHECKS_VERSIONS`: whether cached facts are served only after checking the
    /// subject's facts version in the database (`on`), as they must be when another process may
    /// write to it, or served straight from memory (`off`). Default: on for PostgreSQL, off for SQLite.
    public var cacheChecksVersions: Bool?
    /// `SARGS_REQUEST_DETAILS_DAYS`: days a closed request keeps its personal details (address, text,
    /// corrections, representative, letter, notes) before they are deleted; its type, dates, status
    /// and outcome stay. Default 90 (1-3650).
    public var requestDetailsDays = 90
    /// `SARGS_AUDIT_HEAD_FILE`: where the signed head of the audit chain is written; nil for
    /// `audit-head.json` in the data directory. Keep it where the database's owner cannot write.
    public var auditHeadFile: String?

    /// Where the embedded default writes e-mail.
    public var mailDirectory: String { (dataDirectory as NSString).appendingPathComponent("mail") }
    /// The file the signed head of the audit chain is written to (`SARGS_AUDIT_HEAD_FILE`, or
    /// `audit-head.json` beside the master key file in the data directory).
    public var auditHeadPath: String {
        auditHeadFile ?? (dataDirectory as NSString).appendingPathComponent("audit-head.json")
    }

    public static let defaultPolicy = "examples/coral-club.yaml"
    public static let defaultDataDirectory = "./sargs-data"

    /// Resolves flags (which win) and environment variables.
    public static func resolve(
        policy: String?, dataDirectory: String?, hostname: String?, port: Int?,
        environment: [String: String]
    ) throws(ConfigurationError) -> ServerConfiguration {
        let policyPath = policy ?? environment["SARGS_POLICY"] ?? defaultPolicy
        let directory = dataDirectory ?? environment["SARGS_DATA_DIR"] ?? defaultDataDirectory
        let host = hostname ?? environment["SARGS_HOSTNAME"] ?? "127.0.0.1"
        var resolvedPort = 8080
        if let port {
            resolvedPort = port
        } else if let text = environment["SARGS_PORT"] {
            guard let value = Int(text) else { throw .invalid("SARGS_PORT", "'\(text)' is not a port number") }
            resolvedPort = value
        }
        guard (1...65_535).contains(resolvedPort) else { throw .invalid("port", "\(resolvedPort) is outside 1-65535") }
        guard FileManager.default.fileExists(atPath: policyPath) else {
            throw .invalid(
                "policy",
                "the policy file \(policyPath) does not exist; give one with --policy FILE or SARGS_POLICY"
                    + (policy == nil && environment["SARGS_POLICY"] == nil
                        ? " (the default, \(defaultPolicy), is found only in the Sargs checkout)" : ""))
        }
        let storage: Storage
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw .invalid(
                    "DATABASE_URL", "only postgres:// URLs are supported; unset it to use the embedded SQLite file")
            }
            storage = .postgres(url: url)
        } else {
            storage = .sqlite(path: (directory as NSString).appendingPathComponent("sargs.sqlite"))
        }
        let key = environment["SARGS_MASTER_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let smtp = environment["SARGS_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let smtp, !(smtp.hasPrefix("smtp://") || smtp.hasPrefix("smtps://")) || URL(string: smtp)?.host == nil {
            throw .invalid("SARGS_SMTP_URL", "must be smtp://[user:password@]host[:port] or smtps://…")
        }
        let publicURL =
            environment["SARGS_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://\(host):\(resolvedPort)"
        guard publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://") else {
            throw .invalid("SARGS_PUBLIC_URL", "must start with http:// or https://")
        }
        var linkHours = 168
        if let text = environment["SARGS_EXPORT_LINK_HOURS"] {
            guard let value = Int(text), (1...720).contains(value) else {
                throw .invalid("SARGS_EXPORT_LINK_HOURS", "must be 1-720 hours")
            }
            linkHours = value
        }
        let retention = try retentionInterval(environment["SARGS_RETENTION_SCHEDULE"])
        let centerPath = environment["SARGS_PRIVACY_CENTER_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/privacy"
        guard centerPath.hasPrefix("/"), centerPath.count > 1, !centerPath.hasSuffix("/"),
            centerPath.dropFirst().split(separator: "/").allSatisfy({
                $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            })
        else {
            throw .invalid("SARGS_PRIVACY_CENTER_PATH", "must be a path such as /privacy (letters, digits and dashes)")
        }
        var configuration = ServerConfiguration(
            policyPath: policyPath, dataDirectory: directory, storage: storage,
            hostname: host, port: resolvedPort, masterKeyBase64: key, smtpURL: smtp,
            mailFrom: environment["SARGS_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 },
            publicURL: publicURL, exportLinkHours: linkHours,
            allowInsecureURLs: environment["SARGS_ALLOW_INSECURE_URLS"] == "1", retentionInterval: retention)
        configuration.privacyCenterPath = centerPath
        configuration.connections = environment.filter { name, value in
            DatasetReference.isEnvironmentName(name)
                && ["postgres://", "postgresql://", "sqlite:"].contains { value.hasPrefix($0) }
        }
        configuration.variables = environment
        configuration.auditHeadFile = environment["SARGS_AUDIT_HEAD_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.console = try ConsoleSettings.resolve(environment)
        configuration.connectionLimits = try ConnectionLimits.resolve(environment)
        if let text = environment["SARGS_REQUEST_DETAILS_DAYS"], !text.isEmpty {
            guard let days = Int(text), (1...3650).contains(days) else {
                throw .invalid("SARGS_REQUEST_DETAILS_DAYS", "must be 1-3650 days")
            }
            configuration.requestDetailsDays = days
        }
        switch environment["SARGS_SQLITE_SYNCHRONOUS"]?.lowercased() {
        case nil, "", "normal": configuration.sqliteSynchronousFull = false
        case "full": configuration.sqliteSynchronousFull = true
        default: throw .invalid("SARGS_SQLITE_SYNCHRONOUS", "must be normal or full")
        }
        if let text = environment["SARGS_CACHE_MEMORY"] {
            guard let mebibytes = Int(text), (16...16_384).contains(mebibytes) else {
                throw .invalid("SARGS_CACHE_MEMORY", "must be 16-16384 (MiB)")
            }
            configuration.cacheMebibytes = mebibytes
        }
        switch environment["SARGS_CACHE_CHECKS_VERSIONS"]?.lowercased() {
        case nil, "", "auto": configuration.cacheChecksVersions = nil
        case "on": configuration.cacheChecksVersions = true
        case "off": configuration.cacheChecksVersions = false
        default: throw .invalid("SARGS_CACHE_CHECKS_VERSIONS", "must be on, off or auto")
        }
        configuration.trustedProxies = Set(
            (environment["SARGS_TRUSTED_PROXIES"] ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        if let text = environment["SARGS_DATABASE_CONNECTIONS"] {
            guard let count = Int(text), (1...64).contains(count) else {
                throw .invalid("SARGS_DATABASE_CONNECTIONS", "must be 1-64 connections per event loop")
            }
            configuration.databaseConnectionsPerEventLoop = count
        }
        if let text = environment["SARGS_BANNER_REASK_DAYS"] {
            guard let days = Int(text), (1...395).contains(days) else {
                throw .invalid("SARGS_BANNER_REASK_DAYS", "must be 1-395 days")
            }
            configuration.bannerReaskDays = days
        }
        return configuration
    }

    /// Parses `SARGS_RETENTION_SCHEDULE`: nil for `off`, one day when unset.
    static func retentionInterval(_ text: String?) throws(ConfigurationError) -> TimeInterval? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty else { return 86_400 }
        switch text {
        case "off": return nil
        case "daily": return 86_400
        case "hourly": return 3_600
        default:
            let units: [Character: TimeInterval] = ["m": 60, "h": 3_600, "d": 86_400]
            guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count >= 1,
                TimeInterval(count) * unit >= 60
            else {
                throw .invalid(
                    "SARGS_RETENTION_SCHEDULE",
                    "'\(text)' is not a schedule: use daily, hourly, off, "
                        + "or a number with m, h or d such as 6h (at least 1m)"
                )
            }
            return TimeInterval(count) * unit
        }
    }
}
