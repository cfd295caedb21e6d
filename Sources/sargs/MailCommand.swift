import ArgumentParser
import Foundation
import SargsServer

/// `sargs mail last`: the newest message the embedded default wrote as an `.eml` file, decoded.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Read the e-mail the embedded default wrote to the data directory.",
        subcommands: [Last.self])

    struct Last: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "last",
            abstract: "Print the newest message (headers and body, decoded), or the newest to one address.",
            discussion: "Without SARGS_SMTP_URL, Sargs writes each message as an .eml file in <data directory>/mail; "
                + "this prints the newest, e.g. to read a one-time code while trying Sargs out.")

        @OptionGroup var installation: InstallationOptions

        @Option(help: "Only messages to this address.")
        var to: String?

        func run() async throws {
            try await reportingAsyncFailures {
                let directory = try installation.configuration().mailDirectory
                guard let mail = try MailFile.newest(in: directory, to: to) else {
                    throw CommandFailure("no message\(to.map { " to \($0)" } ?? "") in \(directory) yet")
                }
                Output.standardOutput(
                    """
                    To: \(mail.to)
                    Date: \(mail.date)
                    Subject: \(mail.subject)
                    File: \(mail.path)

                    \(mail.body)

                    """)
            }
        }
    }
}
