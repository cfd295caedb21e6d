import ArgumentParser
import Foundation
import SargsKit
import SargsServer

/// `sargs subjects import FILE.jsonl`: subjects from another system, with their facts and original dates.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            """
            Import subjects from a JSON Lines file: one subject per \
            line, with its data, relationships, consents and objections.
            """,
        discussion: """
            Each line is checked as POST /v1/subjects checks it (and its facts as their own endpoints do); times are \
            RFC 3339 and keep their original dates, so retention treats old data as collected then. A refused line is \
            reported as FILE:LINE: field: problem and skipped, or, with --all-or-nothing, nothing is written. An \
            interrupted import resumes after the last line it wrote when started again on the same file. See \
            docs/retention.md for the line format.
            """)

    @OptionGroup var installation: InstallationOptions

    @Argument(help: "The JSON Lines file.")
    var file: String

    @Flag(name: .customLong("all-or-nothing"), help: "Write nothing unless every line is valid.")
    var allOrNothing = false

    func run() async throws {
        try await reportingAsyncFailures {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure("\(file): cannot be read")
            }
            let terminal = isatty(STDERR_FILENO) == 1
            let started = Date()
            let total = data.reduce(into: 0) { count, byte in if byte == UInt8(ascii: "\n") { count += 1 } }
            var progress: (@Sendable (Int) -> Void)?
            if terminal {
                progress = { line in
                    let rate = Double(line) / max(Date().timeIntervalSince(started), 0.001)
                    Output.standardErrorInPlace("import: line \(line) of \(total) (\(Int(rate)) lines/s)")
                }
            }
            let summary = try await ServerOperations.importSubjects(
                try installation.configuration(), file: data, allOrNothing: allOrNothing,
                progress: progress)
            if terminal { Output.standardError("") }
            for refusal in summary.refused {
                Output.standardError(
                    "\(file):\(refusal.line): \(refusal.field.map { "\($0): " } ?? "")\(refusal.detail)")
            }
            if let resumed = summary.resumedAfter {
                Output.standardOutput("resumed after line \(resumed), written by an earlier run\n")
            }
            let seconds = Date().timeIntervalSince(started)
            if summary.rolledBack {
                throw CommandFailure("\(summary.refused.count) line(s) refused: nothing imported (--all-or-nothing)")
            }
            Output.standardOutput(
                "imported \(summary.imported) subject(s) in \(String(format: "%.1f", seconds)) s; "
                    + "\(summary.refused.count) line(s) refused\n")
            if !summary.refused.isEmpty { throw ExitCode(2) }
        }
    }
}
