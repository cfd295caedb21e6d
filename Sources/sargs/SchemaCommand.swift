import ArgumentParser
import SargsCore

/// `sargs policy schema`
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the policy file, for editor completion and validation."
    )

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        try reportingFailures {
            try Output.write(JSONSchemaExport.policySchemaJSON() + "\n", to: out)
        }
    }
}
