import ArgumentParser
import SargsCore

/// The single Sargs executable.
@main
struct Sargs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sargs",
        abstract: "Sargs makes a privacy policy executable.",
        version: SargsVersion.current,
        subcommands: [
            PolicyCommand.self, ServeCommand.self, MigrateCommand.self, KeysCommand.self, StaffCommand.self,
            AuditCommand.self, SubjectsCommand.self,
            RetentionCommand.self, MailCommand.self, DatasetsCommand.self,
        ]
    )
}

/// `sargs policy …`: work with policy files.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, render, compare and publish policy files.",
        subcommands: [
            CheckCommand.self, RenderCommand.self, RecordCommand.self, SchemaCommand.self, DiffCommand.self,
            PublishCommand.self,
        ]
    )
}
