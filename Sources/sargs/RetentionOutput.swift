import Foundation
import SargsCore
import SargsServer

/// The retention report and run summary as text, JSON or CSV: ids, categories, rules and counts only.
enum RetentionOutput {
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) + "\n"
    }

    static func csv(_ header: String, _ rows: [[String]]) -> String {
        ([header] + rows.map { $0.map(RecordWriter.csvField).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    static func render(_ report: RetentionReport, as format: RetentionCommand.Format) -> String {
        switch format {
        case .json: return json(report)
        case .csv:
            return csv(
                "subject_id,category,action,kept_until,rule,purpose,law",
                report.actions.map {
                    [
                        $0.subjectID, $0.category, $0.action.rawValue, $0.keptUntil?.description ?? "", $0.rule ?? "",
                        $0.purpose ?? "", $0.law ?? "",
                    ]
                })
        case .text:
            let heading =
                "retention as of \(report.asOf): \(report.subjectsChecked) subject(s) checked, "
                + "\(report.actions.count) action(s) due, \(report.suspended.count) suspended"
            var lines: [String] = [heading]
            for action in report.actions {
                let why: [String] = [
                    action.rule.map { "rule \($0)" }, action.purpose.map { "purpose \($0)" }, action.law,
                    action.archiveFor.map { "readable for \($0.joined(separator: ", "))" },
                ].compactMap { $0 }
                let until = action.keptUntil?.description ?? "—"
                lines.append(
                    """
                      \(action.subjectID) \(action.category): \(action.action.rawValue) (kept \
                    until \(until); \(why.joined(separator: ", ")))
                    """
                )
            }
            for item in report.suspended {
                lines.append("  \(item.subjectID) \(item.category): suspended (\(item.reason.rawValue))")
            }
            for count in report.summary {
                lines.append("\(count.rule): \(count.count) × \(count.action.rawValue)")
            }
            for effect in report.datasets ?? [] {
                let deleted =
                    effect.deleted.isEmpty ? "" : "; rows deleted in \(effect.deleted.joined(separator: ", "))"
                let categories = effect.categories.joined(separator: ", ")
                let emptied = effect.emptied.joined(separator: ", ")
                lines.append(
                    "dataset \(effect.dataset), \(effect.subjects) subject(s) losing \(categories): emptied \(emptied)"
                        + deleted)
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func render(_ summary: RetentionRunSummary, as format: RetentionCommand.Format) -> String {
        switch format {
        case .json: return json(summary)
        case .csv:
            return csv("rule,action,count", summary.actions.map { [$0.rule, $0.action.rawValue, String($0.count)] })
        case .text:
            let total = summary.actions.map(\.count).reduce(0, +)
            var lines = [
                """
                retention run \(summary.id): \(summary.subjectsChecked) subject(s) checked, \(total) action(s) \
                carried out, \(summary.subjectsShredded) subject(s) crypto-shredded, \(summary.anonymised) \
                anonymised into counts, \(summary.suspendedForOpenRequests) subject(s) left for an open \
                request, \(summary.renewalReminders) consent renewal reminder(s)
                """
            ]
            for count in summary.actions { lines.append("\(count.rule): \(count.count) × \(count.action.rawValue)") }
            for dataset in summary.datasets ?? [] {
                let failed =
                    dataset.failedGroups > 0
                    ? "; \(dataset.failedGroups) group(s) failed, carried out by the next run" : ""
                lines.append("dataset \(dataset.dataset): \(dataset.rows) row(s) emptied or deleted\(failed)")
            }
            if summary.restored > 0 {
                lines.append("\(summary.restored) archived categor(ies) live again: their ground runs again")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
