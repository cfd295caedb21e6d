import ArgumentParser
import SargsCore

/// `sargs policy ropa FILE --format csv|md|html`
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ropa",
        abstract: "Produce the record of processing activities (GDPR Article 30(1)(a)-(g)), one row per purpose."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, md, html
    }

    @OptionGroup var options: PolicyDocumentOptions

    @Option(help: "Output format: csv, md or html.")
    var format: Format = .csv

    func run() throws {
        try reportingFailures {
            let policy = try Output.validPolicy(at: options.file)
            let language = options.lang ?? policy.authoritativeLanguage
            let record = try RecordOfProcessing(policy: policy, language: language)
            let text: String
            switch format {
            case .csv: text = RecordWriter.csv(record)
            case .md: text = RecordWriter.markdown(record)
            case .html: text = RecordWriter.html(record, language: language)
            }
            try Output.write(text, to: options.out)
        }
    }
}
