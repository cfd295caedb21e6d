import ArgumentParser
import Foundation
import SargsCore
import SargsServer

/// `sargs retention preview` and `sargs retention run`: storage limitation, reported and carried out.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Storage limitation (GDPR Art. 5(1)(e)).",
        subcommands: [Preview.self, Run.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract:
                """
                List, per subject and category, what retention makes due and why (rule, purpose, law); changes nothing.
                """
        )

        @OptionGroup var installation: InstallationOptions

        @Option(name: .customLong("as-of"), help: "Preview a later day, YYYY-MM-DD (default today).")
        var asOf: String?

        @Option(help: "text, json or csv.")
        var format: Format = .text

        func run() async throws {
            try await reportingAsyncFailures {
                let report = try await ServerOperations.retentionPreview(try installation.configuration(), asOf: asOf)
                Output.standardOutput(RetentionOutput.render(report, as: format))
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract:
                """
                Carry out what retention makes due now: delete, \
                anonymise or archive, a chunk of subjects per transaction.
                """,
            discussion: """
                Safe to interrupt and run again: each chunk commits whole, and a new run finds nothing left to do \
                for subjects already processed. One run at a time across processes and instances. After the \
                retention rules changed, the dry-run report is shown and the run waits for confirmation \
                (a prompt on a terminal; --yes otherwise).
                """)

        @OptionGroup var installation: InstallationOptions

        @Flag(name: .customLong("dry-run"), help: "Only report what a run would do now (as `retention preview`).")
        var dryRun = false

        @Option(
            name: .customLong("as-of"),
            help: "With --dry-run: report a later day, YYYY-MM-DD. A real run always uses now.")
        var asOf: String?

        @Flag(help: "Confirm a change of the retention rules without being shown the dry run.")
        var yes = false

        @Option(name: .customLong("chunk-size"), help: "Subjects per transaction, 1-500 (default 200).")
        var chunkSize = 200

        @Option(help: "text, json or csv.")
        var format: Format = .text

        func validate() throws {
            if asOf != nil && !dryRun {
                throw ValidationError("--as-of previews a later day and needs --dry-run: a real run always uses now")
            }
            if !(1...500).contains(chunkSize) { throw ValidationError("--chunk-size must be 1-500 subjects") }
        }

        func run() async throws {
            try await reportingAsyncFailures {
                let configuration = try installation.configuration()
                if dryRun {
                    let report = try await ServerOperations.retentionPreview(configuration, asOf: asOf)
                    Output.standardOutput(RetentionOutput.render(report, as: format))
                } else {
                    try await carryOut(configuration)
                }
            }
        }

        func carryOut(_ configuration: ServerConfiguration) async throws {
            let terminal = isatty(STDERR_FILENO) == 1
            var progress: (@Sendable (Int) -> Void)?
            if terminal {
                progress = { checked in Output.standardErrorInPlace("retention: \(checked) subject(s) checked") }
            }
            let summary = try await ServerOperations.retentionRun(
                configuration, chunkSize: chunkSize,
                confirm: Self.confirmation(yes: yes, format: format), progress: progress)
            if terminal { Output.standardError("") }
            guard let summary else { throw ExitCode(1) }
            Output.standardOutput(RetentionOutput.render(summary, as: format))
        }

        /// After a change of the retention rules or an import: shows the dry run (on standard error)
        /// and asks on a terminal; without one, refuses unless `--yes` was given.
        static func confirmation(yes: Bool, format: Format) -> @Sendable (RetentionReport) -> Bool {
            { report in
                if yes { return true }
                // On standard error: standard output carries only the run's result (one JSON document with
                // --format json).
                Output.standardError(
                    """
                    No run has confirmed these retention rules yet (the first run, \
                    the rules changed, or data was imported). A run would do this now:
                    """)
                Output.standardError(RetentionOutput.render(report, as: format))
                guard isatty(STDIN_FILENO) == 1 else {
                    Output.standardError(
                        "error: confirm_rule_change: review the report above, then run `sargs retention run --yes`")
                    return false
                }
                Output.standardError("Carry out these actions? Type yes to continue: ")
                return readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes"
            }
        }
    }
}
