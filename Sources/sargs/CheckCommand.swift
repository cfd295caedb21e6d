import ArgumentParser
import SargsCore
import SargsKit

/// `sargs policy check FILE...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate policy files and report every problem with file, line, column, path and a hint.",
        discussion: "Exits 0 when every file is valid (warnings allowed) and 1 when any file has errors."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Policy files to check.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        var anyErrors = false
        var reports: [FileReport] = []
        for file in files {
            let outcome = PolicyChecker.check(contentsOf: file)
            anyErrors = anyErrors || !outcome.isValid
            switch format {
            case .text:
                for diagnostic in outcome.diagnostics { Output.standardOutput(diagnostic.formatted + "\n") }
                let errors = outcome.diagnostics.errors.count, warnings = outcome.diagnostics.warnings.count
                Output.standardOutput(
                    """
                    \(file): \(outcome.isValid ? "valid" : "invalid") (\(errors) \
                    error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"))\n
                    """
                )
            case .json:
                reports.append(FileReport(file: file, valid: outcome.isValid, diagnostics: outcome.diagnostics))
            }
        }
        if format == .json { Output.standardOutput(JSONText.pretty(reports) + "\n") }
        if anyErrors { throw ExitCode(1) }
    }

    struct FileReport: Encodable {
        var file: String
        var valid: Bool
        var diagnostics: [Diagnostic]
    }
}
