import ArgumentParser
import Foundation
import SargsCore
import SargsKit
import SargsServer

/// Flags shared by every command that works on an installation's data.
struct InstallationOptions: ParsableArguments {
    @Option(help: "The policy file (default: $SARGS_POLICY or examples/coral-club.yaml).")
    var policy: String?

    @Option(
        help:
            """
            Data directory for the embedded SQLite database and key file (default: $SARGS_DATA_DIR \
            or ./sargs-data). DATABASE_URL selects PostgreSQL instead.
            """
    )
    var dataDir: String?

    func configuration(hostname: String? = nil, port: Int? = nil) throws -> ServerConfiguration {
        try ServerConfiguration.resolve(
            policy: policy, dataDirectory: dataDir, hostname: hostname, port: port,
            environment: ProcessInfo.processInfo.environment)
    }
}

/// `sargs serve`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Sargs server: the /v1 API over the policy, on the embedded SQLite default or PostgreSQL.")

    @OptionGroup var installation: InstallationOptions

    @Option(help: "Address to listen on (default: $SARGS_HOSTNAME or 127.0.0.1).")
    var hostname: String?

    @Option(help: "Port to listen on (default: $SARGS_PORT or 8080).")
    var port: Int?

    func run() async throws {
        try await reportingAsyncFailures {
            try await ServerOperations.serve(try installation.configuration(hostname: hostname, port: port)) {
                Output.standardOutput($0)
            }
        }
    }
}

/// `sargs migrate`
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database schema, then exit.")

    @OptionGroup var installation: InstallationOptions

    func run() async throws {
        try await reportingAsyncFailures {
            try await ServerOperations.migrate(try installation.configuration())
            Output.standardOutput("database is up to date\n")
        }
    }
}

/// `sargs keys …`
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list and revoke API keys.",
        subcommands: [CreateKey.self, ListKeys.self, RevokeKey.self])

    struct CreateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an API key; it is printed once.")

        @OptionGroup var installation: InstallationOptions

        @Option(help: "admin, dpo, agent or service.")
        var role: String

        @Option(help: "For service keys: the purposes it may decide and read for, comma-separated.")
        var purposes: String?

        func run() async throws {
            try await reportingAsyncFailures {
                guard let role = Role(rawValue: role) else {
                    throw CommandFailure(
                        "--role: '\(role)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let list =
                    purposes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
                let created = try await ServerOperations.createKey(
                    try installation.configuration(), role: role, purposes: list)
                let scope = created.purposes.isEmpty ? "" : " for \(created.purposes.joined(separator: ", "))"
                Output.standardOutput(
                    """
                    Created \(created.role.rawValue) key \(created.keyID)\(scope). \
                    It is shown only now; store it safely:

                    \(created.token)

                    """)
            }
        }
    }

    struct ListKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List API keys (never their secrets).")

        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            try await reportingAsyncFailures {
                let keys = try await ServerOperations.listKeys(try installation.configuration())
                for key in keys {
                    let state = key.revokedAt.map { "revoked \(ISO8601DateFormatter().string(from: $0))" } ?? "active"
                    Output.standardOutput(
                        "\(key.keyID)  \(key.role.rawValue)  \(key.purposes.joined(separator: ","))  \(state)\n")
                }
                if keys.isEmpty {
                    Output.standardOutput("no API keys; create one with `sargs keys create --role admin`\n")
                }
            }
        }
    }

    struct RevokeKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API key at once.")

        @OptionGroup var installation: InstallationOptions

        @Argument(help: "The key id (the part after sargs_).")
        var keyID: String

        func run() async throws {
            try await reportingAsyncFailures {
                try await ServerOperations.revokeKey(try installation.configuration(), keyID: keyID)
                Output.standardOutput("revoked \(keyID)\n")
            }
        }
    }
}

/// `sargs audit verify`
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Work with the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the keyed audit chain and its signed head; exits 1 and names the first broken entry.",
            discussion: """
                Entries must be consecutive, linked and keyed (HMAC under a key derived from the master key); the \
                signed head (audit-head.json in the data directory, or SARGS_AUDIT_HEAD_FILE) must name an entry \
                the chain still holds, unchanged. Without a signed head the chain can still be intact, with a \
                warning: entries removed from its end would not be seen.
                """)

        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            try await reportingAsyncFailures {
                let check: AuditCheck
                do {
                    check = try await ServerOperations.verifyAudit(try installation.configuration())
                } catch let error as AuditHeadError {
                    throw CommandFailure("audit chain not verified: \(error.description)")
                }
                switch check.verification {
                case .intact(let count):
                    if let head = check.signedHead {
                        let time = ISO8601DateFormatter().string(from: head.time)
                        Output.standardOutput(
                            """
                            audit chain intact: \(count) entries; signed \
                            head at entry \(head.sequence) (\(time)) matches\n
                            """
                        )
                    } else {
                        Output.standardOutput("audit chain intact: \(count) entries; no signed head yet\n")
                    }
                    if let warning = check.warning {
                        Output.standardError(
                            "warning: \(warning)" + (check.headLocation.map { " (head file: \($0))" } ?? ""))
                    }
                case .broken(let sequence, let reason):
                    throw CommandFailure("audit chain broken at entry \(sequence): \(reason)")
                }
            }
        }
    }
}
