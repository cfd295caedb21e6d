import ArgumentParser
import Foundation
import SargsCore
import SargsServer

/// `sargs staff add|list|remove`: the people who sign in to the console at /console.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Add, list and remove console staff.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a staff member; they sign in at /console with a code e-mailed to EMAIL.")

        @OptionGroup var installation: InstallationOptions

        @Argument(help: "The member's e-mail address: where sign-in codes are sent.")
        var email: String

        @Option(help: "admin, dpo or agent (the same permissions as API keys of that role).")
        var role: String

        @Option(help: "The name the console shows.")
        var name: String?

        func run() async throws {
            try await reportingAsyncFailures {
                guard let role = Role(rawValue: role) else {
                    throw CommandFailure("--role: '\(role)' is not one of admin, dpo, agent")
                }
                let member = try await ServerOperations.addStaff(
                    try installation.configuration(), email: email, role: role, name: name)
                Output.standardOutput(
                    """
                    Added \(member.role.rawValue) \(member.email) (\(member.id.uuidString.lowercased())). \
                    They sign in at /console.\n
                    """
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the staff.")

        @OptionGroup var installation: InstallationOptions

        func run() async throws {
            try await reportingAsyncFailures {
                let members = try await ServerOperations.listStaff(try installation.configuration())
                for member in members {
                    let factor = member.secondFactor ? "totp" : "-"
                    Output.standardOutput("\(member.email)  \(member.role.rawValue)  \(factor)  \(member.name ?? "")\n")
                }
                if members.isEmpty {
                    Output.standardOutput("no staff; add one with `sargs staff add EMAIL --role dpo`\n")
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a staff member and end their sessions at once.")

        @OptionGroup var installation: InstallationOptions

        @Argument(help: "The member's e-mail address.")
        var email: String

        func run() async throws {
            try await reportingAsyncFailures {
                try await ServerOperations.removeStaff(try installation.configuration(), email: email)
                Output.standardOutput("removed \(email)\n")
            }
        }
    }
}
