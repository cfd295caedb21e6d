import Foundation

extension ConsoleRequestRoutes {
    /// What the console says of one system's part: why it failed (and when it is tried again), who
    /// has it and until when, or what it counted.
    static func systemDetail(_ system: RequestView.SystemStatus, language: String) -> String {
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            ConsoleText.text(key, language: language, values)
        }
        if let failure = system.failure, system.status != "waiting" {
            let retry = system.retryAt.map {
                " — " + text("console.system.retry_at", ["time": ConsoleFormat.time($0)])
            }
            return failure + (retry ?? "")
        }
        if system.status == "waiting" {
            let due = system.dueAt.map(ConsoleFormat.time) ?? "—"
            if let owner = system.owner { return text("console.system.waiting_owner", ["owner": owner, "due": due]) }
            return text("console.system.waiting_processor", ["progress": system.progress ?? "pending", "due": due])
        }
        let rows = system.rows.map { text("console.system.rows", ["value": String($0)]) } ?? ""
        if let resolution = system.resolution {
            let closed = text(
                "console.system.resolved",
                ["by": system.resolvedBy ?? "—", "reason": text("console.resolve.\(resolution)")])
            let counted = resolution == SystemResolution.doneOutside.rawValue && !rows.isEmpty
            return counted ? "\(rows) — \(closed)" : closed
        }
        return system.note.map { rows.isEmpty ? $0 : "\(rows) — \($0)" } ?? rows
    }
}
