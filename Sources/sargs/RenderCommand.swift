import ArgumentParser
import SargsCore

/// `sargs policy render FILE --lang xx --format html|md [--out F]`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the privacy notice (GDPR Articles 13 and 14) in one of the policy's languages."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, md
    }

    @OptionGroup var options: PolicyDocumentOptions

    @Option(help: "Output format: html or md.")
    var format: Format = .html

    func run() throws {
        try reportingFailures {
            let policy = try Output.validPolicy(at: options.file)
            let language = options.lang ?? policy.authoritativeLanguage
            guard policy.languages.contains(language) else {
                throw CommandFailure(
                    """
                    \(options.file): '\(language)' is not one of the policy's \
                    languages (\(policy.languages.joined(separator: ", ")))
                    """
                )
            }
            let document = try NoticeBuilder(policy: policy, language: language).build()
            let text = format == .html ? HTMLNoticeWriter.write(document) : MarkdownNoticeWriter.write(document)
            try Output.write(text, to: options.out)
        }
    }
}
