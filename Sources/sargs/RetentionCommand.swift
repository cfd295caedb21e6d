import ArgumentParser
import Foundation
import SargsCore
import SargsServer

/// `sargs retention preview`: what the policy's retention rules make due, without changing anything.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retention", abstract: "Storage limitation (GDPR Art. 5(1)(e)).",
                                                    subcommands: [Preview.self])

    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview",
            abstract: "List, per subject and category, what retention makes due and why (rule, purpose, law); changes nothing.")

        @OptionGroup var installation: InstallationOptions

        @Option(name: .customLong("as-of"), help: "Preview a later day, YYYY-MM-DD (default today).")
        var asOf: String?

        @Option(help: "text, json or csv.")
        var format: Format = .text

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

        func run() async throws {
            try await reportingAsyncFailures {
                let report = try await ServerOperations.retentionPreview(try installation.configuration(), asOf: asOf)
                Output.standardOutput(Self.render(report, as: format))
            }
        }

        static func render(_ report: RetentionReport, as format: Format) -> String {
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                return String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self) + "\n"
            case .csv:
                var lines = ["subject_id,category,action,kept_until,rule,purpose,law"]
                for action in report.actions {
                    let fields: [String] = [action.subjectID, action.category, action.action.rawValue, action.keptUntil?.description ?? "",
                                            action.rule ?? "", action.purpose ?? "", action.law ?? ""]
                    lines.append(fields.map(RecordWriter.csvField).joined(separator: ","))
                }
                return lines.joined(separator: "\n") + "\n"
            case .text:
                let heading = "retention as of \(report.asOf): \(report.subjectsChecked) subject(s) checked, "
                    + "\(report.actions.count) action(s) due, \(report.suspended.count) suspended"
                var lines: [String] = [heading]
                for action in report.actions {
                    let why: [String] = [action.rule.map { "rule \($0)" }, action.purpose.map { "purpose \($0)" }, action.law].compactMap { $0 }
                    let until = action.keptUntil?.description ?? "—"
                    lines.append("  \(action.subjectID) \(action.category): \(action.action.rawValue) (kept until \(until); \(why.joined(separator: ", ")))")
                }
                for item in report.suspended {
                    lines.append("  \(item.subjectID) \(item.category): suspended (\(item.reason.rawValue))")
                }
                for count in report.summary {
                    lines.append("\(count.rule): \(count.count) × \(count.action.rawValue)")
                }
                return lines.joined(separator: "\n") + "\n"
            }
        }
    }
}
