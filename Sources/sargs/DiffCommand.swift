import ArgumentParser
import SargsCore

/// `sargs policy diff OLD NEW`
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            """
            List the material changes between two policy versions: purposes, \
            categories, recipients, transfers, retention and legal bases.
            """,
        discussion: "Exits 0 whether or not there are changes; use --exit-code to exit 2 when there are."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The earlier policy file.")
    var old: String

    @Argument(help: "The later policy file.")
    var new: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Exit with status 2 when there are material changes.")
    var exitCode = false

    func run() throws {
        var hasChanges = false
        try reportingFailures {
            let diff = PolicyDiff(old: try Output.validPolicy(at: old), new: try Output.validPolicy(at: new))
            Output.standardOutput(format == .json ? JSONText.pretty(diff) + "\n" : diff.text)
            hasChanges = !diff.isEmpty
        }
        if exitCode && hasChanges { throw ExitCode(2) }
    }
}
