import ArgumentParser
import Foundation
import SargsCore
import SargsServer

/// `sargs policy publish NEW.yaml --effective YYYY-MM-DD`
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract:
            """
            Schedule a new policy version: checked, compared with \
            the latest version, and switched to on its effective date.
            """,
        discussion: """
            A material change must respect the policy's rules.change_notice_days and carry a new policy.version. \
            The running server (or every server on one PostgreSQL) switches to the version at the start of the \
            effective date (UTC) and e-mails each subject the change notice in their language.
            """
    )

    @Argument(help: "The new policy file.")
    var file: String

    @Option(name: .customLong("effective"), help: "The date the version takes effect, YYYY-MM-DD.")
    var effective: String

    @OptionGroup var installation: InstallationOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        try await reportingAsyncFailures {
            _ = try Output.validPolicy(at: file)
            let yaml: String
            do { yaml = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw CommandFailure("\(file) cannot be read")
            }
            let published = try await ServerOperations.publishPolicy(
                try installation.configuration(), file: file, yaml: yaml,
                effectiveOn: effective)
            if json {
                Output.standardOutput(JSONText.pretty(published) + "\n")
                return
            }
            var text = "Published version \(published.version) (\(published.id)), effective \(published.effectiveOn).\n"
            if published.material {
                text += "Material changes:\n" + published.changes.map { "  \($0)\n" }.joined()
                if !published.renewedConsent.isEmpty {
                    text += "Consent must be given again for: \(published.renewedConsent.joined(separator: ", "))\n"
                }
                text += "The server sends the change notice to every subject with an e-mail address.\n"
            } else {
                text += "No material changes: nobody is notified.\n"
            }
            Output.standardOutput(text + "Notice: \(published.noticeURL)\n")
        }
    }
}
