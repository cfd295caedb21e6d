import ArgumentParser

/// Options shared by the commands that turn one policy into a document.
struct PolicyDocumentOptions: ParsableArguments {
    @Argument(help: "The policy file.")
    var file: String

    @Option(help: "Language code; defaults to the policy's authoritative language.")
    var lang: String?

    @Option(help: "Write to this file instead of standard output.")
    var out: String?
}
